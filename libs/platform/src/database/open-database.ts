import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { AppConfig, ConfigError } from '../config/app-config';
import { startEmbeddedDatabase } from './embedded-database';
import { applicationUrl, migrate } from './migrate';

export interface OpenedDatabase {
  /** The login as configured: migrations, rebuilds. */
  url: string;
  /** What the application works with: the same login as the restricted role where there is one. */
  appUrl: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * The database the process will use: DATABASE_URL, or an embedded cluster under the data dir.
 * Checks the connection (a bad URL is one line naming DATABASE_URL) and runs migrations.
 */
export async function openDatabase(config: AppConfig, log: (line: string) => void): Promise<OpenedDatabase> {
  let opened: OpenedDatabase;
  if (config.databaseUrl) {
    opened = { url: config.databaseUrl, appUrl: config.databaseUrl, embedded: false, stop: async () => undefined };
    const client = new Client({ connectionString: config.databaseUrl, connectionTimeoutMillis: 10000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
    } catch (e) {
      throw new ConfigError('DATABASE_URL', `cannot connect: ${(e as Error).message}`);
    } finally {
      await client.end().catch(() => undefined);
    }
  } else {
    log(`DATABASE_URL is unset: starting an embedded PostgreSQL under ${join(config.dataDir, 'pg')}`);
    const db = await startEmbeddedDatabase({ dir: join(config.dataDir, 'pg'), database: 'dondoc' });
    opened = { url: db.url, appUrl: db.url, embedded: true, stop: db.stop };
  }
  await migrate(opened.url);
  return { ...opened, appUrl: await applicationUrl(opened.url) };
}

/** Embedded mode needs no JWT_SECRET: one is generated once and kept under the data dir. */
export function embeddedJwtSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
