import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedDatabase } from '../../libs/platform/src/database/embedded-database';
import { migrate } from '../../libs/platform/src/database/migrate';

/**
 * One PostgreSQL for the whole run: the server at TEST_DATABASE_URL when set (this run's
 * databases are created there and dropped at the end), otherwise an embedded cluster in a
 * temporary folder under .data/. Tests take fresh ids instead of truncating; e2e files clone a
 * migrated template into a database of their own (test/support/test-app.ts).
 */
export default async function globalSetup(): Promise<void> {
  const run = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  let server: string;
  let stop: (() => Promise<void>) | undefined;
  if (process.env.TEST_DATABASE_URL) {
    server = process.env.TEST_DATABASE_URL;
  } else {
    mkdirSync('.data', { recursive: true });
    const db = await startEmbeddedDatabase({ dir: mkdtempSync(join('.data', 'test-pg-')), persistent: false, database: 'postgres' });
    server = db.url;
    stop = db.stop;
  }
  const at = (name: string) => {
    const u = new URL(server);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE dondoc_t${run}`);
  await admin.query(`CREATE DATABASE dondoc_t${run}_template`);
  await admin.end();
  await migrate(at(`dondoc_t${run}`));
  await migrate(at(`dondoc_t${run}_template`));
  process.env.DONDOC_TEST_RUN = run;
  process.env.DONDOC_TEST_SERVER_URL = server;
  process.env.DONDOC_TEST_DATABASE_URL = at(`dondoc_t${run}`);
  process.env.DONDOC_TEST_TEMPLATE_URL = at(`dondoc_t${run}_template`);
  (globalThis as { __dondocStopDb?: () => Promise<void> }).__dondocStopDb = stop;
}
