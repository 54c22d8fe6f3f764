import { Client } from 'pg';
import { MIGRATIONS, Migration } from './migrations';

/** Any fixed number: the lock that lets only one process migrate at a time. */
const MIGRATION_LOCK = 7_360_001;

export class SchemaTooNewError extends Error {
  constructor(
    readonly databaseVersion: number,
    readonly codeVersion: number,
  ) {
    super(
      `the database schema is at version ${databaseVersion}, newer than this code knows (${codeVersion}): upgrade Dondoc before starting it on this database`,
    );
  }
}

/**
 * Applies the migrations this code knows in one transaction, under a transaction-level advisory
 * lock so that processes starting together migrate once. One transaction, not a session lock:
 * through PgBouncer in transaction pooling (docs/SCALING.md) each statement outside a
 * transaction may run on another server connection, where a session lock would be taken on one
 * and never released from another. Refuses a database newer than the code.
 */
export async function migrate(url: string, migrations: Migration[] = MIGRATIONS): Promise<number> {
  const client = new Client({ connectionString: url, application_name: 'dondoc-migrate' });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS dondoc_schema (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM dondoc_schema');
    const current = rows[0].v ?? 0;
    const latest = migrations.length ? migrations[migrations.length - 1].version : 0;
    if (current > latest) throw new SchemaTooNewError(current, latest);
    for (const m of migrations.filter((x) => x.version > current)) {
      await client.query(m.sql);
      await client.query('INSERT INTO dondoc_schema (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
    await grantAppRole(client);
    await client.query('COMMIT');
    return latest;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
}

export const APP_ROLE = 'dondoc_app';

/** Grants the application role its tables (a no-op where the role could not be made). */
export async function grantAppRole(client: Pick<Client, 'query'>): Promise<void> {
  const { rows } = await client.query<{ ok: boolean }>(`SELECT to_regprocedure('dondoc_grant_app_role()') IS NOT NULL AS ok`);
  if (rows[0].ok) await client.query('SELECT dondoc_grant_app_role()');
}

/**
 * The URL the application connects with: the same login, working as the restricted role when the
 * role exists and this login may take it; otherwise the URL as given.
 */
export async function applicationUrl(url: string, role = APP_ROLE): Promise<string> {
  if (!role) return url;
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>(
      `SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = $1) AND pg_has_role(current_user, $1, 'MEMBER') AS ok`,
      [role],
    );
    if (!rows[0].ok) return url;
  } finally {
    await client.end();
  }
  const u = new URL(url);
  u.searchParams.set('options', `-c role=${role}`);
  return u.toString();
}
