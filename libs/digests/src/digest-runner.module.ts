import { Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, Clock } from '@dondoc/domain/shared';
import { EVENT_STORE, EventStore } from '@dondoc/event-store';
import { APP_CONFIG, AppConfig, PG_POOL } from '@dondoc/platform';
import type { Pool } from 'pg';
import { DigestMailer, SmtpDigestMailer } from './digest.mailer';
import { DigestRunner } from './digest.runner';

export const DIGEST_MAILER = Symbol('DigestMailer');

/** The digest runner, for the worker's schedule and the API's POST /v1/digests/run alike. */
export const mailDomainOf = (from: string): string => /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'dondoc.local';

@Module({
  providers: [
    {
      provide: DIGEST_MAILER,
      useFactory: (config: AppConfig): DigestMailer | null =>
        config.smtpUrl ? new SmtpDigestMailer(config.smtpUrl, config.digestFrom) : null,
      inject: [APP_CONFIG],
    },
    {
      provide: DigestRunner,
      useFactory: (config: AppConfig, store: EventStore, pool: Pool, clock: Clock, mailer: DigestMailer | null) => {
        const logger = new Logger('Digests');
        return new DigestRunner(store, pool, mailer, clock, {
          cron: config.digestCron,
          dueSoonDays: config.dueSoonDays,
          publicUrl: config.publicUrl,
          mailDomain: mailDomainOf(config.digestFrom),
          log: (line) => logger.log(line),
        });
      },
      inject: [APP_CONFIG, EVENT_STORE, PG_POOL, CLOCK, DIGEST_MAILER],
    },
  ],
  exports: [DigestRunner],
})
export class DigestRunnerModule implements OnApplicationShutdown {
  constructor(@Inject(DIGEST_MAILER) private readonly mailer: DigestMailer | null) {}

  onApplicationShutdown(): void {
    this.mailer?.close();
  }
}
