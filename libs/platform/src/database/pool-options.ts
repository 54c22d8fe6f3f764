import type { PoolConfig } from 'pg';

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
export function poolOptions(connectionString: string, name: string, max: number, timeouts: DatabaseTimeouts = DEFAULT_DATABASE_TIMEOUTS): PoolConfig {
  return {
    connectionString,
    max,
    application_name: name,
    connectionTimeoutMillis: timeouts.dbAcquireTimeoutMs,
    statement_timeout: timeouts.dbStatementTimeoutMs,
    keepAlive: true,
  };
}
