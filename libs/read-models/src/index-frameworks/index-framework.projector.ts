import { Injectable } from '@nestjs/common';
import { INDEX_FRAMEWORK_EVENT_TYPES, IndexFrameworkEvent } from '@dondoc/domain/counting';
import type { RecordedEvent } from '@dondoc/event-store';
import { EntityManager } from 'typeorm';
import { Projection } from '../projection/projection';
import { IndexFrameworkEntity, IndexScoreEntity } from './index-framework.entity';

const handled = new Set<string>(INDEX_FRAMEWORK_EVENT_TYPES);

/** Frameworks (as last amended) and the latest scores per unit; all rare, applied one by one. */
@Injectable()
export class IndexFrameworkProjector implements Projection {
  readonly name = 'index-frameworks';
  readonly tables = ['rm_index_frameworks', 'rm_index_scores'];

  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    for (const recorded of events) {
      if (!handled.has(recorded.type) || !recorded.streamId.startsWith('indexFramework-')) continue;
      const event = { type: recorded.type, data: recorded.data } as IndexFrameworkEvent;
      if (event.type === 'IndexFrameworkRegistered' || event.type === 'IndexFrameworkAmended') {
        // An amendment supersedes the values: reports read the latest row.
        const f = event.data;
        await tx.getRepository(IndexFrameworkEntity).upsert(
          {
            code: f.code,
            year: f.year,
            level: f.level,
            name: f.name,
            areas: f.areas,
            criteria: f.criteria,
            sipasMax: f.sipasMax,
            version: recorded.version,
          },
          ['code', 'year', 'level'],
        );
      } else {
        const s = event.data;
        await tx.getRepository(IndexScoreEntity).upsert(
          {
            code: s.framework,
            year: s.year,
            level: s.level,
            unit: s.unit,
            scores: s.scores,
            sipas: s.sipas,
            total: s.total,
            rank: s.rank,
            source: s.source,
            recordedAt: recorded.recordedAt,
          },
          ['code', 'year', 'level', 'unit'],
        );
        await tx
          .getRepository(IndexFrameworkEntity)
          .update({ code: s.framework, year: s.year, level: s.level }, { version: recorded.version });
      }
    }
  }
}
