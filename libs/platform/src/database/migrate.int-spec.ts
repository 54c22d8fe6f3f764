import { Client } from 'pg';
import { cloneTestDatabase } from '../../../../test/support/test-app';
import { MIGRATIONS } from './migrations';
import { SchemaTooNewError, migrate } from './migrate';

async function createEmptyDatabase(): Promise<string> {
  const server = new URL(process.env.DONDOC_TEST_SERVER_URL!);
  const name = `mig_t${process.env.DONDOC_TEST_RUN}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  server.pathname = `/${name}`;
  return server.toString();
}

async function appliedVersions(url: string): Promise<number[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query<{ version: number }>('SELECT version FROM dondoc_schema ORDER BY version');
  await c.end();
  return rows.map((r) => r.version);
}

describe('migrations', () => {
  it('apply once when several processes start together', async () => {
    const url = await createEmptyDatabase();
    const results = await Promise.all([migrate(url), migrate(url), migrate(url), migrate(url)]);
    const latest = MIGRATIONS[MIGRATIONS.length - 1].version;
    expect(results).toEqual([latest, latest, latest, latest]);
    expect(await appliedVersions(url)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('are idempotent: a second start changes nothing', async () => {
    const url = await cloneTestDatabase();
    const before = await appliedVersions(url);
    await migrate(url);
    expect(await appliedVersions(url)).toEqual(before);
  });

  it('refuse a database newer than the code, with a message that says so', async () => {
    const url = await cloneTestDatabase();
    const c = new Client({ connectionString: url });
    await c.connect();
    await c.query(`INSERT INTO dondoc_schema (version, name) VALUES (9999, 'from the future')`);
    await c.end();
    await expect(migrate(url)).rejects.toBeInstanceOf(SchemaTooNewError);
    await expect(migrate(url)).rejects.toThrow(/version 9999, newer than this code knows/);
  });
});
