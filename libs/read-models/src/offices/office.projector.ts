import { Injectable } from '@nestjs/common';
import type { OfficeEvent } from '@dondoc/domain/office';
import { OFFICE_EVENT_TYPES } from '@dondoc/domain/office';
import type { RecordedEvent } from '@dondoc/event-store';
import { EntityManager } from 'typeorm';
import { Projection } from '../projection/projection';
import { OfficeEntity } from './office.entity';

const handled = new Set<string>(OFFICE_EVENT_TYPES);

@Injectable()
export class OfficeProjector implements Projection {
  readonly name = 'offices';

  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    const repo = tx.getRepository(OfficeEntity);
    for (const recorded of events) {
      if (!handled.has(recorded.type)) continue;
      const event = { type: recorded.type, data: recorded.data } as OfficeEvent;
      switch (event.type) {
        case 'OfficeRegistered': {
          const parent = event.data.parent ? await repo.findOneBy({ code: event.data.parent }) : null;
          await repo.upsert(
            {
              code: event.data.code,
              name: event.data.name,
              parent: event.data.parent,
              level: event.data.level,
              email: event.data.email,
              path: `${parent?.path ?? '/'}${event.data.code}/`,
              status: 'active',
              mergedInto: null,
              version: recorded.version,
            },
            ['code'],
          );
          break;
        }
        case 'OfficeRenamed':
          await repo.update({ code: event.data.code }, { name: event.data.name, version: recorded.version });
          break;
        case 'OfficeMoved': {
          const office = await repo.findOneByOrFail({ code: event.data.code });
          const parent = event.data.parent ? await repo.findOneBy({ code: event.data.parent }) : null;
          const newPath = `${parent?.path ?? '/'}${event.data.code}/`;
          // The whole subtree moves with it.
          await tx.query(`UPDATE rm_offices SET path = $2 || substr(path, length($1) + 1) WHERE starts_with(path, $1)`, [
            office.path,
            newPath,
          ]);
          await tx.query(`UPDATE rm_tasks SET lead_path = $2 || substr(lead_path, length($1) + 1) WHERE starts_with(lead_path, $1)`, [
            office.path,
            newPath,
          ]);
          await tx.query(`UPDATE rm_task_items SET lead_path = $2 || substr(lead_path, length($1) + 1) WHERE starts_with(lead_path, $1)`, [
            office.path,
            newPath,
          ]);
          await tx.query(
            `UPDATE rm_findings SET office_path = $2 || substr(office_path, length($1) + 1) WHERE starts_with(office_path, $1)`,
            [office.path, newPath],
          );
          await tx.query(
            `UPDATE rm_inspections SET paths = ARRAY(SELECT CASE WHEN starts_with(p, $1) THEN $2 || substr(p, length($1) + 1) ELSE p END FROM unnest(paths) AS p) WHERE EXISTS (SELECT 1 FROM unnest(paths) AS p WHERE starts_with(p, $1))`,
            [office.path, newPath],
          );
          await repo.update({ code: event.data.code }, { parent: event.data.parent, version: recorded.version });
          break;
        }
        case 'OfficeMerged':
          await repo.update({ code: event.data.code }, { status: 'merged', mergedInto: event.data.into, version: recorded.version });
          break;
        case 'OfficeClosed':
          await repo.update({ code: event.data.code }, { status: 'closed', version: recorded.version });
          break;
        default: {
          const unhandled: never = event;
          throw new Error(`unhandled office event ${JSON.stringify(unhandled)}`);
        }
      }
    }
  }
}
