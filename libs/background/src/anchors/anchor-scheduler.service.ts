import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AnchorRecorder, EVENT_STORE, EventStore } from '@dondoc/event-store';
import { APP_CONFIG, AppConfig, PG_POOL } from '@dondoc/platform';
import { Pool } from 'pg';

/** How often the worker looks: each look anchors what the previous one sealed, when due. */
const TICK_MS = 5_000;

/**
 * Anchors the log every ANCHOR_EVERY_EVENTS events or ANCHOR_EVERY_MINUTES minutes. Every worker
 * may run it: anchors are appended with the expected version of the last one, so two workers
 * never write the same anchor twice (the loser retries on its next tick).
 */
@Injectable()
export class AnchorSchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Anchors');
  private readonly recorder: AnchorRecorder;
  /** Why anchoring is off in this deployment, if it is. */
  private readonly off: string | null;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(@Inject(PG_POOL) pool: Pool, @Inject(EVENT_STORE) store: EventStore, @Inject(APP_CONFIG) config: AppConfig) {
    this.recorder = new AnchorRecorder(pool, store, { everyEvents: config.anchorEveryEvents, everyMinutes: config.anchorEveryMinutes });
    // Anchors are computed over PostgreSQL's log by its adapter (positions, transaction horizon): with the
    // log in KurrentDB PostgreSQL holds no events, and an anchor of nothing would prove nothing.
    this.off =
      config.eventStore === 'kurrentdb'
        ? 'anchoring is off: EVENT_STORE=kurrentdb, and anchors are computed over the PostgreSQL log only (KurrentDB is checked by /v1/audit/verify, without anchors)'
        : null;
  }

  onApplicationBootstrap(): void {
    if (this.off) {
      this.logger.warn(this.off);
      return;
    }
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.recorder
        .tick()
        .then((written) =>
          written.forEach((a) => this.logger.log(`anchor ${a.seq}: positions ${a.fromPosition}–${a.toPosition} (${a.count} events)`)),
        )
        .catch((e) => this.logger.warn(`anchoring failed, will retry: ${e instanceof Error ? e.message : String(e)}`))
        .finally(() => (this.running = undefined));
    }, TICK_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
