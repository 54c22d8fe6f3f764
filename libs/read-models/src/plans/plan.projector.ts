import { Injectable } from '@nestjs/common';
import { PLAN_EVENT_TYPES, PlanEvent, PlanState, evolvePlan } from '@dondoc/domain/plan';
import type { RecordedEvent } from '@dondoc/event-store';
import { EntityManager, In } from 'typeorm';
import { foldStreams } from '../projection/fold-streams';
import { Projection } from '../projection/projection';
import { PlanEntity } from './plan.entity';

const types = new Set<string>(PLAN_EVENT_TYPES);

@Injectable()
export class PlanProjector implements Projection {
  readonly name = 'plans';

  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    const repo = tx.getRepository(PlanEntity);
    const folded = await foldStreams<PlanState>(events, {
      prefix: 'plan-',
      types,
      initial: null,
      evolve: (s, e) => evolvePlan(s, e as PlanEvent),
      load: async (ids) => new Map((await repo.findBy({ id: In(ids) })).map((r) => [r.id, { state: r.state, version: r.version }])),
    });
    const rows = [...folded.values()].flatMap(({ state, version }) =>
      state
        ? [
            {
              id: state.id,
              code: state.code,
              directiveId: state.directiveId,
              issuer: state.issuer,
              title: state.title,
              periodFrom: state.period.from,
              periodTo: state.period.to,
              requiresAcceptance: state.requiresAcceptance,
              followUp: state.followUp,
              targets: state.targetOrder.map((c) => state.targets[c]),
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
