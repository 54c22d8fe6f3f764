import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedDatabase } from '../../libs/platform/src/database/embedded-database';
import { migrate } from '../../libs/platform/src/database/migrate';

/**
 * One PostgreSQL for the whole run: TEST_DATABASE_URL when set (a throwaway database is created
 * on that server), otherwise an embedded cluster in a temporary folder under .data/.
 * Tests take fresh ids instead of truncating, so one migrated database serves every file.
 */
export default async function globalSetup(): Promise<void> {
  let url: string;
  let stop: (() => Promise<void>) | undefined;
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    const name = `dondoc_test_${Date.now()}_${process.pid}`;
    const admin = new Client({ connectionString: given });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(given);
    u.pathname = `/${name}`;
    url = u.toString();
  } else {
    mkdirSync('.data', { recursive: true });
    const dir = mkdtempSync(join('.data', 'test-pg-'));
    const db = await startEmbeddedDatabase({ dir, persistent: false, database: 'dondoc_test' });
    url = db.url;
    stop = db.stop;
  }
  await migrate(url);
  process.env.DONDOC_TEST_DATABASE_URL = url;
  writeFileSync(join('.data', 'test-db-url'), url);
  (globalThis as { __dondocStopDb?: () => Promise<void> }).__dondocStopDb = stop;
}
