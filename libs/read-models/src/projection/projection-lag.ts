import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@dondoc/platform/nest/tokens';
import { EVENT_STORE, EventStore } from '@dondoc/event-store';
import { Pool } from 'pg';
import { READ_MODEL_PROJECTORS } from '../read-models';
import { MAIN_PROJECTOR } from './projection';

const LAG_CAP = 1_000_000;
let names: string[] | undefined;

/** Events committed to the log that a projection has not applied yet (capped); `main`: the lowest. */
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

  /** Each projection's lag, by name (one count per distinct position: usually one). */
  async byProjection(): Promise<Record<string, number>> {
    const { rows } = await this.pool.query<{ name: string; position: string }>(
      'SELECT name, position FROM rm_checkpoints WHERE name = ANY($1) ORDER BY name',
      [(names ??= READ_MODEL_PROJECTORS.map((P) => new P().name))],
    );
    const counts = new Map<string, Promise<number>>();
    for (const r of rows) if (!counts.has(r.position)) counts.set(r.position, this.store.countAfter(r.position, LAG_CAP));
    const out: Record<string, number> = {};
    for (const r of rows) out[r.name] = await counts.get(r.position)!;
    return out;
  }
}
