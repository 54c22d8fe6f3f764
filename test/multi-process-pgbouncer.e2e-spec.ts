import { describeMultiProcess } from './support/multi-process';
import { PgBouncer } from './support/pgbouncer';

/**
 * Issue 21 item 5: the multi-process test (test/support/multi-process.ts) with the three APIs
 * behind PgBouncer in transaction pooling and the two workers connected directly (the
 * projector's session advisory lock and the store's LISTEN need a session of their own).
 * PgBouncer before 1.21 does not keep named statements across server connections: the APIs run
 * with DB_PREPARED_STATEMENTS=off (the log's append is the one named statement).
 * MULTI_PROCESS_PGBOUNCER_COMMANDS sets the number of commands (3,000 by default).
 */
if (PgBouncer.available()) {
  describeMultiProcess({
    title: `3 API processes behind PgBouncer ${PgBouncer.version()} (transaction pooling), 2 workers direct (e2e)`,
    commands: Number(process.env.MULTI_PROCESS_PGBOUNCER_COMMANDS ?? 3_000),
    apiDatabase: async (url) => {
      const bouncer = await PgBouncer.start(url);
      const database = new URL(url).pathname.slice(1);
      const before = await bouncer.stats(database);
      return {
        url: bouncer.through(url),
        env: { DB_PREPARED_STATEMENTS: 'off' },
        report: async () => {
          const after = await bouncer.stats(database);
          const transactions = after.transactions - before.transactions;
          // Every command is at least one transaction through PgBouncer: the APIs had no other way in.
          expect(transactions).toBeGreaterThan(Number(process.env.MULTI_PROCESS_PGBOUNCER_COMMANDS ?? 3_000));
          return `${transactions} transactions of the APIs through PgBouncer`;
        },
        stop: () => bouncer.stop(),
      };
    },
  });
} else {
  console.warn('multi-process-pgbouncer.e2e-spec: no /usr/sbin/pgbouncer (apt-get install -y pgbouncer): the PgBouncer run is skipped');
  describe.skip('3 API processes behind PgBouncer (pgbouncer is not installed)', () => it('runs', () => undefined));
}
