import { assertNever } from '../shared';
import { OfficeEvent } from './office.events';
import { OfficeState } from './office.state';

export function evolveOffice(state: OfficeState, event: OfficeEvent): OfficeState {
  switch (event.type) {
    case 'OfficeRegistered':
      return { ...event.data, status: 'active', mergedInto: null };
    case 'OfficeRenamed':
      return state && { ...state, name: event.data.name };
    case 'OfficeMoved':
      return state && { ...state, parent: event.data.parent };
    case 'OfficeMerged':
      return state && { ...state, status: 'merged', mergedInto: event.data.into };
    case 'OfficeClosed':
      return state && { ...state, status: 'closed' };
    default:
      return assertNever(event);
  }
}
