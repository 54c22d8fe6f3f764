import { Injectable } from '@nestjs/common';
import { DIRECTIVE_EVENT_TYPES, DirectiveEvent, DirectiveState, evolveDirective } from '@dondoc/domain/directive';
import type { RecordedEvent } from '@dondoc/event-store';
import { EntityManager, In } from 'typeorm';
import { foldStreams } from '../projection/fold-streams';
import { Projection } from '../projection/projection';
import { DirectiveEntity } from './directive.entity';

const types = new Set<string>(DIRECTIVE_EVENT_TYPES);

@Injectable()
export class DirectiveProjector implements Projection {
  readonly name = 'directives';

  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    const repo = tx.getRepository(DirectiveEntity);
    const folded = await foldStreams<DirectiveState>(events, {
      prefix: 'directive-',
      types,
      initial: null,
      evolve: (s, e) => evolveDirective(s, e as DirectiveEvent),
      load: async (ids) => new Map((await repo.findBy({ id: In(ids) })).map((r) => [r.id, { state: r.state, version: r.version }])),
    });
    const rows = [...folded.values()].flatMap(({ state, version }) =>
      state
        ? [
            {
              id: state.id,
              number: state.number,
              kind: state.kind,
              issuedOn: state.issuedOn,
              issuer: state.issuer,
              title: state.title,
              basis: state.basis,
              status: state.status,
              state,
              version,
            },
          ]
        : [],
    );
    if (rows.length) await repo.upsert(rows, ['id']);
  }
}
