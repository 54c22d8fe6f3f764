import { assertNever } from '../shared';
import { InspectionEvent } from './inspection.events';
import { InspectionState } from './inspection.state';

export function evolveInspection(state: InspectionState, event: InspectionEvent): InspectionState {
  switch (event.type) {
    case 'InspectionPlanned':
      return { ...event.data, status: 'planned', conducted: {}, conclusion: null, cancelledReason: null };
    case 'InspectionRescheduled':
      return state && { ...state, period: event.data.period };
    case 'InspectionConducted':
      return state && { ...state, conducted: { ...state.conducted, [event.data.office]: event.data.on } };
    case 'InspectionConcluded':
      return state && { ...state, status: 'concluded', conclusion: { ...event.data } };
    case 'InspectionCancelled':
      return state && { ...state, status: 'cancelled', cancelledReason: event.data.reason };
    default:
      return assertNever(event);
  }
}
