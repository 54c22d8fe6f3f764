import { EventStore, PostgresEventStore, createKurrentDBEventStore } from '@dondoc/event-store';
import { Pool } from 'pg';
import type { AppConfig } from '../config/app-config';

/**
 * The log the configuration names: PostgreSQL on `pool` (the default), or KurrentDB at
 * KURRENTDB_URL. The PostgreSQL store's close() ends `pool`; KurrentDB's closes its own connection.
 */
export function createEventStore(
  config: Pick<AppConfig, 'eventStore' | 'kurrentdbUrl'> & Partial<Pick<AppConfig, 'dbPreparedStatements'>>,
  pool: Pool,
  options: { now?: () => Date } = {},
): EventStore {
  if (config.eventStore === 'kurrentdb') {
    if (!config.kurrentdbUrl) throw new Error('KURRENTDB_URL: is required when EVENT_STORE=kurrentdb');
    return createKurrentDBEventStore(config.kurrentdbUrl, options);
  }
  return new PostgresEventStore(pool, { ...options, namedStatements: config.dbPreparedStatements ?? true });
}
