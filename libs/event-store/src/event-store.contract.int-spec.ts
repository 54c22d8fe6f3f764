import { Pool } from 'pg';
import { migrate } from '../../platform/src/database/migrate';
import { PostgresEventStore } from './postgres';
import { describeEventStoreContract } from './testing/event-store-contract';

// The contract lives in testing/event-store-contract.ts so that the KurrentDB adapter's spec can
// import and run it without running this file's PostgreSQL suite again.
const url = () => process.env.DONDOC_TEST_DATABASE_URL!;

describeEventStoreContract(
  'PostgreSQL',
  async () => {
    const pool = new Pool({ connectionString: url(), max: 24 });
    const superuser = new Pool({ connectionString: url(), max: 6 });
    // pg-pool's end() resolves before its sockets close: a server stopped right after the run
    // (global teardown) must not crash the process through an idle client's error.
    for (const p of [pool, superuser]) p.on('error', () => undefined);
    const store = new PostgresEventStore(pool, { pollIntervalMs: 200 });
    return {
      store,
      superuser,
      storeWithClock: (now) => {
        const own = new Pool({ connectionString: url(), max: 4 });
        own.on('error', () => undefined);
        return new PostgresEventStore(own, { now }); // its close() ends its own pool
      },
      close: async () => {
        await store.close();
        await superuser.end();
      },
    };
  },
  {
    postgres: {
      url: url(),
      migrate: (u) => migrate(u),
      storeFor: (u, max) => {
        const p = new Pool({ connectionString: u, max });
        p.on('error', () => undefined); // the tamper tests drop this database with FORCE
        return new PostgresEventStore(p);
      },
    },
  },
);
