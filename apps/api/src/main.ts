import 'reflect-metadata';
import { explainStartupFailure, startApp } from './bootstrap';

async function main(): Promise<void> {
  // `npm start -- --demo` is DONDOC_DEMO=1: load the demo data on an empty database.
  const app = await startApp(process.argv.includes('--demo') ? { ...process.env, DONDOC_DEMO: '1' } : process.env);
  console.log(`Dondoc is listening on ${app.url} (OpenAPI at ${app.url}/docs)`);
  const shutdown = (signal: string) => {
    console.log(`${signal}: stopping`);
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error) => {
  console.error(explainStartupFailure(error));
  process.exit(1);
});
