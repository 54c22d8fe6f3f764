import { Inject, Injectable } from '@nestjs/common';
import { GlobalPosition } from '@dondoc/event-store';
import { APP_CONFIG, AppConfig } from '@dondoc/platform/config/app-config';
import { PG_POOL } from '@dondoc/platform/nest/tokens';
import { Pool } from 'pg';
import { MAIN_PROJECTOR, ProjectorService } from './projector.service';
import { ReadSide } from './read-side';

/**
 * Read-your-writes: under CONSISTENCY=strong a write answers once its events are in the read
 * models (or the timeout passes: the write itself is durable either way, the answer says which).
 */
@Injectable()
export class ConsistencyService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly projector: ProjectorService,
    private readonly readSide: ReadSide,
  ) {}

  /** True when the log position (an append's `position`) is projected in time, or under eventual consistency. */
  async waitFor(target: GlobalPosition): Promise<boolean> {
    // With a read replica: the writer's next reads wait for the replica to replay this position.
    // The write is durable already: a mark that cannot be kept costs freshness, not the answer.
    await this.readSide.wrote(target).catch(() => undefined);
    if (this.config.consistency === 'eventual') return true;
    const deadline = Date.now() + this.config.consistencyTimeoutMs;
    let delay = 2;
    while (Date.now() < deadline) {
      // The write is durable already: a database gone meanwhile makes it "not yet projected", not an error.
      const projected = await this.projectedUpTo().catch(() => null);
      if (projected === null) return false;
      if (projected >= target) return true;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, delay);
        const off = this.projector.onApplied(done);
        function done() {
          clearTimeout(timer);
          off();
          resolve();
        }
      });
      delay = Math.min(delay * 2, 50);
    }
    return false;
  }

  /** This process's projector when it is the active one (no query); else the stored checkpoint. */
  private async projectedUpTo(): Promise<GlobalPosition> {
    const local = this.projector.activePosition;
    if (local !== null) return local;
    const { rows } = await this.pool.query<{ position: string }>('SELECT position FROM rm_checkpoints WHERE name = $1', [MAIN_PROJECTOR]);
    return rows[0]?.position ?? '';
  }
}
