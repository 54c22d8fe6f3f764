import { KurrentDBEventStore } from './kurrentdb';
import { describeEventStoreContract } from './testing/event-store-contract';

// The same contract as PostgreSQL's (testing/event-store-contract.ts), against a real KurrentDB
// server (25.1 or later: appendMany uses its multi-stream append) when KURRENTDB_URL names one,
// e.g. KURRENTDB_URL='kurrentdb://localhost:2113?tls=false'. The tests below the port (PostgreSQL's
// triggers, raw transactions, tampering) are PostgreSQL's own and do not run here.
const url = process.env.KURRENTDB_URL?.trim();

if (url) {
  describeEventStoreContract('KurrentDB', async () => {
    const store = KurrentDBEventStore.fromConnectionString(url);
    return {
      store,
      superuser: null,
      storeWithClock: (now) => KurrentDBEventStore.fromConnectionString(url, { now }),
      close: () => store.close(),
    };
  });
} else {
  console.log(
    'KurrentDB contract suite skipped: KURRENTDB_URL is not set (no KurrentDB server can run on this machine: no Docker engine, no .NET runtime)',
  );
  describe.skip('EventStore contract: KurrentDB (KURRENTDB_URL is not set)', () => {
    it('runs the EventStore contract against KurrentDB', () => undefined);
  });
}
