import { assertNever } from '../shared';
import { UserEvent } from './user.events';
import { UserState, sameGrant } from './user.state';

export function evolveUser(state: UserState, event: UserEvent): UserState {
  switch (event.type) {
    case 'UserRegistered':
      return {
        id: event.data.userId,
        username: event.data.username,
        name: event.data.name,
        email: event.data.email,
        status: 'active',
        grants: [],
        passwordHash: null,
        mustChangePassword: false,
      };
    case 'UserGranted':
      return state && { ...state, grants: [...state.grants, { role: event.data.role, office: event.data.office }] };
    case 'UserGrantRevoked':
      return state && { ...state, grants: state.grants.filter((g) => !sameGrant(g, event.data)) };
    case 'UserDisabled':
      return state && { ...state, status: 'disabled' };
    case 'UserEnabled':
      return state && { ...state, status: 'active' };
    case 'PasswordSet':
      return state && { ...state, passwordHash: event.data.hash, mustChangePassword: event.data.mustChange };
    default:
      return assertNever(event);
  }
}
