import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@dondoc/platform/nest/tokens';
import { EVENT_STORE, EventStore } from '@dondoc/event-store';
import { Pool } from 'pg';
import { MAIN_PROJECTOR } from './projector.service';

const LAG_CAP = 1_000_000;

/** Events committed to the log that the main projector has not applied yet (capped). */
@Injectable()
export class ProjectionLag {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async lagEvents(name = MAIN_PROJECTOR): Promise<number> {
    const { rows } = await this.pool.query<{ position: string }>('SELECT position FROM rm_checkpoints WHERE name = $1', [name]);
    return this.store.countAfter(rows[0]?.position ?? '', LAG_CAP);
  }
}
