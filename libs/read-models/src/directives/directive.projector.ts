import { Injectable } from '@nestjs/common';
import { DIRECTIVE_EVENT_TYPES, DirectiveEvent, DirectiveState, evolveDirective } from '@dondoc/domain/directive';
import { SingleStreamProjection } from '../projection/single-stream-projection';
import { DirectiveEntity } from './directive.entity';

@Injectable()
export class DirectiveProjector extends SingleStreamProjection<DirectiveState, DirectiveEntity> {
  constructor() {
    super({
      name: 'directives',
      tables: ['rm_directives'],
      prefix: 'directive-',
      types: DIRECTIVE_EVENT_TYPES,
      initial: null,
      evolve: (s, e) => evolveDirective(s, e as DirectiveEvent),
      entity: DirectiveEntity,
      key: 'id',
      stateOf: (r) => r.state,
      toRow: (state, version) =>
        state && {
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
    });
  }
}
