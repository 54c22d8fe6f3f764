import 'reflect-metadata';
import { Logger, Module, DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BackgroundModule } from '@dondoc/background';
import { AppConfig, CoreModule, PG_POOL, loadConfig, openDatabase } from '@dondoc/platform';
import { READ_MODEL_ENTITIES } from '@dondoc/read-models';
import { startWorkerHealthServer } from './health-server';

@Module({})
class WorkerAppModule {
  static register(config: AppConfig, url: string): DynamicModule {
    return { module: WorkerAppModule, imports: [CoreModule.register(config, url, READ_MODEL_ENTITIES), BackgroundModule] };
  }
}

/** The worker alone (DONDOC_ROLE=api runs the API without it): projections, digests, anchors. */
async function main(): Promise<void> {
  // This process is the worker whatever DONDOC_ROLE says (it decides what loadConfig requires).
  const config = loadConfig({ ...process.env, DONDOC_ROLE: 'worker' });
  if (!config.databaseUrl)
    throw new Error('DATABASE_URL: the worker alone needs the shared database (npm start runs both on an embedded one)');
  const database = await openDatabase(config, (l) => new Logger('Worker').log(l));
  const app = await NestFactory.createApplicationContext(WorkerAppModule.register(config, database.appUrl));
  app.enableShutdownHooks();
  // Probes for an orchestrator (deploy/k8s): GET /health on this port when it is set.
  const healthPort = Number(process.env.WORKER_HEALTH_PORT);
  if (Number.isInteger(healthPort) && healthPort > 0)
    startWorkerHealthServer(healthPort, app.get(PG_POOL), (l) => new Logger('Worker').log(l));
  new Logger('Worker').log('worker started');
}

main().catch((e) => {
  console.error(`Dondoc worker cannot start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
