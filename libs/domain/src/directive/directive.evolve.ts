import { assertNever } from '../shared';
import { DirectiveEvent } from './directive.events';
import { DirectiveState } from './directive.state';

export function evolveDirective(state: DirectiveState, event: DirectiveEvent): DirectiveState {
  switch (event.type) {
    case 'DirectiveIssued':
      return { ...event.data, basis: [...event.data.basis], status: 'issued', revokedReason: null, amendments: 0 };
    case 'DirectiveAmended':
      return (
        state && {
          ...state,
          title: event.data.title ?? state.title,
          basis: event.data.basis ? [...event.data.basis] : state.basis,
          amendments: state.amendments + 1,
        }
      );
    case 'DirectiveRevoked':
      return state && { ...state, status: 'revoked', revokedReason: event.data.reason };
    default:
      return assertNever(event);
  }
}
