import { Injectable } from '@nestjs/common';
import { OFFICE_EVENT_TYPES, OfficeEvent, OfficeState, evolveOffice } from '@dondoc/domain/office';
import { SingleStreamProjection } from '../projection/single-stream-projection';
import { OfficeEntity } from './office.entity';

/**
 * rm_offices, event by event: an office's path is its parent's path and its code, so a row is
 * written before the next event reads it. A move carries the subtree's paths along; the read
 * models that copy paths (tasks, inspections) follow the move themselves.
 */
@Injectable()
export class OfficeProjector extends SingleStreamProjection<OfficeState, OfficeEntity> {
  constructor() {
    super({
      name: 'offices',
      tables: ['rm_offices'],
      prefix: 'office-',
      types: OFFICE_EVENT_TYPES,
      initial: null,
      evolve: (s, e) => evolveOffice(s, e as OfficeEvent),
      entity: OfficeEntity,
      key: 'code',
      eachEvent: true,
      stateOf: (r) =>
        ({
          code: r.code,
          name: r.name,
          parent: r.parent,
          level: r.level,
          email: r.email,
          status: r.status,
          mergedInto: r.mergedInto,
        }) as OfficeState,
      toRow: async (state, version, { before, tx }) => {
        if (!state) return null;
        // Registered or moved: under its parent's path now (`/CODE/` while the parent is unknown).
        let path = before?.path;
        if (path === undefined || before?.parent !== state.parent) {
          const parent = state.parent ? await tx.getRepository(OfficeEntity).findOneBy({ code: state.parent }) : null;
          path = `${parent?.path ?? '/'}${state.code}/`;
        }
        return {
          code: state.code,
          name: state.name,
          parent: state.parent,
          level: state.level,
          email: state.email,
          path,
          status: state.status,
          mergedInto: state.mergedInto,
          version,
        };
      },
      written: async (before, after, tx) => {
        if (!before || before.path === after.path) return;
        await tx.query(`UPDATE rm_offices SET path = $2 || substr(path, length($1) + 1) WHERE starts_with(path, $1) AND code <> $3`, [
          before.path,
          after.path,
          after.code,
        ]);
      },
    });
  }
}
