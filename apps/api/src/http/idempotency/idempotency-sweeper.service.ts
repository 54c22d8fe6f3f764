import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PG_POOL } from '@dondoc/platform';
import { Pool } from 'pg';

/** How often expired Idempotency-Key records are deleted. */
export const SWEEP_EVERY_MS = 10 * 60_000;

/**
 * Deletes expired idempotency records (answers past IDEMPOTENCY_TTL_HOURS, claims past their
 * lease). Every API process sweeps; the DELETEs are harmless to run side by side, and a record
 * past its expiry is ignored by the interceptor anyway, swept or not.
 */
@Injectable()
export class IdempotencySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Idempotency');
  private timer?: NodeJS.Timeout;

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(
      () => void this.sweep().catch((e) => this.logger.warn(`sweep failed: ${(e as Error).message}`)),
      SWEEP_EVERY_MS,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The number of records deleted. */
  async sweep(): Promise<number> {
    const { rowCount } = await this.pool.query('DELETE FROM idempotency_records WHERE expires_at < clock_timestamp()');
    return rowCount ?? 0;
  }
}
