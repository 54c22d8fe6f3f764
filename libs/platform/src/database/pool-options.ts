import type { Pool, PoolConfig } from 'pg';

/** How long a caller waits for a pooled connection, and how long one statement may run. */
export interface DatabaseTimeouts {
  dbAcquireTimeoutMs: number;
  dbStatementTimeoutMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = { dbAcquireTimeoutMs: 5000, dbStatementTimeoutMs: 30000 };

/**
 * Options for every `pg` pool of the application: a bounded wait for a connection (pg-pool waits
 * for ever by default, which froze the API once the pool ran dry), a statement timeout, and TCP
 * keep-alive so a server that vanished is noticed.
 */
export function poolOptions(
  connectionString: string,
  name: string,
  max: number,
  timeouts: DatabaseTimeouts = DEFAULT_DATABASE_TIMEOUTS,
): PoolConfig {
  return {
    connectionString,
    max,
    application_name: name,
    connectionTimeoutMillis: timeouts.dbAcquireTimeoutMs,
    statement_timeout: timeouts.dbStatementTimeoutMs,
    keepAlive: true,
  };
}

/**
 * Error listeners on a pool and on each of its clients. pg-pool listens on idle clients only: a
 * checked-out client that sits between two queries (an export writing to a slow reader, a digest
 * being mailed) when the server goes away would emit an `error` nobody hears, which ends the
 * process. With a listener, the next query on it fails instead, and the pool drops it on release.
 */
export function guardPool<P extends Pool>(pool: P): P {
  pool.on('error', () => undefined); // an idle client lost with the server: the pool drops it
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}
