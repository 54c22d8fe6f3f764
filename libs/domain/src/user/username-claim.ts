import { CommandContext, Decider, assertNever, conflict } from '../shared';
import { UsernameClaimed } from './user.events';
import { usernameKey } from './user.decide';

/** One stream per lower-cased username: the first claim wins, so two users never share a name. */
export const usernameStreamId = (username: string): string => `username-${usernameKey(username)}`;

export interface ClaimUsername {
  type: 'ClaimUsername';
  data: { username: string; userId: string };
}
export type UsernameClaimState = UsernameClaimed['data'] | null;

export function evolveUsernameClaim(state: UsernameClaimState, event: UsernameClaimed): UsernameClaimState {
  switch (event.type) {
    case 'UsernameClaimed':
      return state ?? event.data;
    default:
      return assertNever(event.type);
  }
}

export function decideUsernameClaim(command: ClaimUsername, state: UsernameClaimState, _ctx: CommandContext): UsernameClaimed[] {
  if (state) {
    if (state.userId === command.data.userId) return [];
    throw conflict('USERNAME_TAKEN', `the username ${command.data.username} is taken`, 'username');
  }
  return [{ type: 'UsernameClaimed', data: { username: command.data.username, userId: command.data.userId } }];
}

export const usernameClaimDecider: Decider<UsernameClaimState, ClaimUsername, UsernameClaimed> = {
  initialState: null,
  decide: decideUsernameClaim,
  evolve: evolveUsernameClaim,
};
