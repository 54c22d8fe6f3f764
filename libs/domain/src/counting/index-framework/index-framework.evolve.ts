import { assertNever } from '../../shared';
import { IndexFrameworkEvent } from './index-framework.events';
import { IndexFrameworkState } from './index-framework.state';

export function evolveIndexFramework(state: IndexFrameworkState, event: IndexFrameworkEvent): IndexFrameworkState {
  switch (event.type) {
    case 'IndexFrameworkRegistered':
      return { ...state, framework: event.data };
    case 'IndexFrameworkAmended': {
      const { reason: _reason, ...framework } = event.data;
      return { ...state, framework };
    }
    case 'IndexScoresRecorded':
      return { ...state, units: { ...state.units, [event.data.unit]: event.data } };
    default:
      return assertNever(event);
  }
}
