import { assertNever } from '../shared';
import { PlanEvent } from './plan.events';
import { PlanState } from './plan.state';

export function evolvePlan(state: PlanState, event: PlanEvent): PlanState {
  switch (event.type) {
    case 'PlanAdopted':
      return { ...event.data, status: 'active', closedReason: null, targetOrder: [], targets: {} };
    case 'TargetAdded':
      return (
        state && {
          ...state,
          targetOrder: [...state.targetOrder, event.data.code],
          targets: { ...state.targets, [event.data.code]: { definition: event.data, measurements: [] } },
        }
      );
    case 'TargetMeasured': {
      const target = state?.targets[event.data.code];
      if (!state || !target) return state;
      return {
        ...state,
        targets: { ...state.targets, [event.data.code]: { ...target, measurements: [...target.measurements, event.data] } },
      };
    }
    case 'PlanClosed':
      return state && { ...state, status: 'closed', closedReason: event.data.reason };
    default:
      return assertNever(event);
  }
}
