import { IsoWeek, isoWeekOf } from '@dondoc/domain/digest';
import { Clock } from '@dondoc/domain/shared';
import { nextRun } from './next-run';

const MAX_SLEEP_MS = 60_000;

/**
 * Fires the digest run at each instant of DIGEST_CRON, read in Asia/Ho_Chi_Minh. The decision
 * "is it time?" is `tick()`, against the injected clock: the timer only wakes it up (at the
 * scheduled instant, and at least every minute, so a clock that jumps or a suspended host is
 * noticed). A run late by hours still runs, for the week of its scheduled instant. A worker that is
 * down at the instant misses it; another worker, or POST /v1/digests/run, covers it (runs are
 * idempotent, so every worker may run the schedule).
 */
export class DigestScheduler {
  private nextAt: Date | null = null;
  private timer?: NodeJS.Timeout;
  private stopped = true;

  constructor(
    private readonly cron: string,
    private readonly clock: Clock,
    private readonly runWeek: (week: IsoWeek, scheduledAt: Date) => Promise<unknown>,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  /** The next scheduled instant (after start). */
  get next(): Date | null {
    return this.nextAt;
  }

  start(): void {
    this.stopped = false;
    this.nextAt = nextRun(this.cron, this.clock.now());
    this.log(`weekly digests scheduled "${this.cron}" (Asia/Ho_Chi_Minh), next at ${this.nextAt.toISOString()}`);
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Runs the week of the scheduled instant if that instant has come; returns that week, or null. */
  async tick(): Promise<IsoWeek | null> {
    const now = this.clock.now();
    this.nextAt ??= nextRun(this.cron, now);
    if (now.getTime() < this.nextAt.getTime()) return null;
    const due = this.nextAt;
    this.nextAt = nextRun(this.cron, now);
    const week = isoWeekOf(due);
    try {
      await this.runWeek(week, due);
    } catch (e) {
      this.log(`weekly digests for ${week} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    return week;
  }

  private arm(): void {
    if (this.stopped || !this.nextAt) return;
    const wait = Math.min(Math.max(this.nextAt.getTime() - this.clock.now().getTime(), 0), MAX_SLEEP_MS);
    this.timer = setTimeout(() => {
      void this.tick().finally(() => this.arm());
    }, wait);
    this.timer.unref();
  }
}
