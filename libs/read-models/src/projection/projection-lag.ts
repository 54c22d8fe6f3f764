import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@dondoc/platform/nest/tokens';
import { decodePosition } from '@dondoc/event-store';
import { Pool } from 'pg';
import { MAIN_PROJECTOR } from './projector.service';

const LAG_CAP = 1_000_000;

/** Events committed to the log that the main projector has not applied yet (capped). */
@Injectable()
export class ProjectionLag {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async lagEvents(name = MAIN_PROJECTOR): Promise<number> {
    const { rows } = await this.pool.query<{ position: string }>('SELECT position FROM rm_checkpoints WHERE name = $1', [name]);
    const { major, minor } = decodePosition(rows[0]?.position ?? '');
    const lag = await this.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM es_events WHERE (tx_id, position) > ($1::text::xid8, $2::bigint)
         AND tx_id < pg_snapshot_xmin(pg_current_snapshot()) LIMIT ${LAG_CAP}) pending`,
      [major, minor],
    );
    return Number(lag.rows[0].n);
  }
}
