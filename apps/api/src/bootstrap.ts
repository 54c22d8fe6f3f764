import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, ConfigError, embeddedJwtSecret, loadConfig, openDatabase, OpenedDatabase, SchemaTooNewError } from '@dondoc/platform';
import type { Clock } from '@dondoc/domain/shared';
import { AppModule } from './app.module';
import { SetupCodeService } from './auth/setup/setup-code.service';
import { DemoUsersSeeder } from './users/demo-users.seeder';
import { configureHttp } from './http/configure-http';
import { DemoSeeder } from './imports/demo/demo.seeder';
import { Metrics } from './application/metrics';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface RunningApp {
  url: string;
  config: AppConfig;
  database: OpenedDatabase;
  /** http://127.0.0.1:<METRICS_PORT> when METRICS_PORT is set. */
  metricsUrl?: string;
  close(): Promise<void>;
}

/** Starts the default process (API + worker). Shared by `npm start`, the demo and e2e tests. */
export async function startApp(env: NodeJS.ProcessEnv = process.env, options: { clock?: Clock } = {}): Promise<RunningApp> {
  const logger = new Logger('Dondoc');
  let config = loadConfig(env);
  const database = await openDatabase(config, (line) => logger.log(line));
  if (!config.jwtSecret && !config.jwtJwksUrl) config = { ...config, jwtSecret: embeddedJwtSecret(config.dataDir) };
  const app = await NestFactory.create(AppModule.register(config, database.appUrl, options.clock), {
    bodyParser: false,
    logger:
      config.logLevel === 'debug'
        ? ['error', 'warn', 'log', 'debug']
        : config.logLevel === 'log'
          ? ['error', 'warn', 'log']
          : config.logLevel === 'warn'
            ? ['error', 'warn']
            : ['error'],
  });
  configureHttp(app);
  await app.listen(config.port, '0.0.0.0');
  // An idle keep-alive connection outlives the clients' and proxies' own idle limits (Node's 5 s
  // default is shorter than theirs: a request sent just as the server closed the socket failed
  // with "other side closed", seen under load between the test client and the APIs).
  const http = app.getHttpServer() as import('node:http').Server;
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;
  // DONDOC_DEMO=1 or `--demo`: the Sơn Hà plan and its 2024 history, on an empty database only.
  if (config.demo) {
    await app.get(DemoSeeder, { strict: false }).run();
    await app.get(DemoUsersSeeder, { strict: false }).run(); // one user per role, on a database with none
  }
  const metricsServer =
    config.metricsPort === undefined ? undefined : await serveMetrics(app.get(Metrics, { strict: false }), config.metricsPort);
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1').replace('0.0.0.0', '127.0.0.1');
  // First run: the one-time setup link (kept out of test output, which runs at LOG_LEVEL=error).
  if (config.logLevel !== 'error') await app.get(SetupCodeService, { strict: false }).announce(url);
  let closing: Promise<void> | undefined;
  return {
    url,
    config,
    database,
    metricsUrl: metricsServer ? `http://127.0.0.1:${(metricsServer.address() as AddressInfo).port}` : undefined,
    close: () =>
      (closing ??= (async () => {
        await new Promise((resolve) => (metricsServer ? metricsServer.close(resolve) : resolve(undefined)));
        await app.close();
        await database.stop();
      })()),
  };
}

/** METRICS_PORT: Prometheus text at /metrics, no token, for a port that only the scraper reaches. */
async function serveMetrics(metrics: Metrics, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    metrics.render().then(
      (text) => res.writeHead(200, { 'content-type': metrics.contentType }).end(text),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics failed\n'),
    );
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '0.0.0.0', () => resolve()));
  return server;
}

/** One clear line for a misconfiguration; a stack trace only for the unexpected. */
export function explainStartupFailure(error: unknown): string {
  if (error instanceof ConfigError || error instanceof SchemaTooNewError) return `Dondoc cannot start: ${error.message}`;
  return `Dondoc cannot start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}
