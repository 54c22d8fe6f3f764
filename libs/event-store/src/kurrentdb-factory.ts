import type { KurrentDBEventStoreOptions } from './kurrentdb';
import { EventStore } from './event-store.port';

/**
 * The KurrentDB adapter, loaded only when asked for: its client (gRPC and a native module) adds
 * about half a second to every start of a process that runs on PostgreSQL.
 */
export function createKurrentDBEventStore(url: string, options: KurrentDBEventStoreOptions = {}): EventStore {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { KurrentDBEventStore } = require('./kurrentdb') as typeof import('./kurrentdb');
  return KurrentDBEventStore.fromConnectionString(url, options);
}
