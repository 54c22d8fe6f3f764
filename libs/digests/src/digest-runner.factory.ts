import { Clock } from '@dondoc/domain/shared';
import { PostgresEventStore } from '@dondoc/event-store';
import { Pool } from 'pg';
import { guardPool, poolOptions } from '@dondoc/platform/database/pool-options';
import { DigestMailer, SmtpDigestMailer } from './digest.mailer';
import { DigestRunner, DigestRunnerOptions } from './digest.runner';

export interface StandaloneDigestRunner {
  runner: DigestRunner;
  pool: Pool;
  close(): Promise<void>;
}

/**
 * A runner outside Nest, on its own pool: for scripts, the benchmark and the tests that run several
 * processes against one database. Same classes as the worker's.
 */
export function createDigestRunner(opts: {
  databaseUrl: string;
  smtpUrl?: string;
  from?: string;
  mailer?: DigestMailer;
  clock?: Clock;
  options?: Partial<DigestRunnerOptions>;
}): StandaloneDigestRunner {
  const pool = guardPool(new Pool(poolOptions(opts.databaseUrl, 'dondoc-digests', 10)));
  const store = new PostgresEventStore(pool);
  const mailer = opts.mailer ?? (opts.smtpUrl ? new SmtpDigestMailer(opts.smtpUrl, opts.from ?? 'Dondoc <dondoc@localhost>') : null);
  const clock = opts.clock ?? { now: () => new Date() };
  const runner = new DigestRunner(store, pool, mailer, clock, { cron: '0 7 * * 1', dueSoonDays: 7, ...opts.options });
  return {
    runner,
    pool,
    close: async () => {
      mailer?.close();
      await store.close(); // ends the pool
    },
  };
}
