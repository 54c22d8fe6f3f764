import { Injectable } from '@nestjs/common';
import { PLAN_EVENT_TYPES, PlanEvent, PlanState, evolvePlan } from '@dondoc/domain/plan';
import { SingleStreamProjection } from '../projection/single-stream-projection';
import { PlanEntity } from './plan.entity';

@Injectable()
export class PlanProjector extends SingleStreamProjection<PlanState, PlanEntity> {
  constructor() {
    super({
      name: 'plans',
      tables: ['rm_plans'],
      prefix: 'plan-',
      types: PLAN_EVENT_TYPES,
      initial: null,
      evolve: (s, e) => evolvePlan(s, e as PlanEvent),
      entity: PlanEntity,
      key: 'id',
      stateOf: (r) => r.state,
      toRow: (state, version) =>
        state && {
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
    });
  }
}
