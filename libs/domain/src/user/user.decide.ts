import { optionalText, requireText } from '../office/office-code';
import { assertOfficeCode } from '../office/office-code';
import { CommandContext, Decider, ROLES, Role, assertNever, conflict, forbidden, invalid, notFound } from '../shared';
import { UserCommand } from './user.commands';
import { Grant, UserEvent } from './user.events';
import { evolveUser } from './user.evolve';
import { User, UserState, initialUserState, sameGrant } from './user.state';

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{2,63}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function assertUsername(value: unknown, field = 'username'): string {
  if (typeof value !== 'string' || !USERNAME.test(value.trim())) {
    throw invalid('INVALID_USERNAME', 'username must be 3 to 64 letters, digits, . _ @ or -, starting with a letter or digit', field);
  }
  return value.trim();
}

/** Case-insensitive: `NguyenVanA` and `nguyenvana` are one name. */
export const usernameKey = (username: string): string => username.trim().toLowerCase();

export function assertGrant(value: Grant, field: string): Grant {
  if (!value || !ROLES.includes(value.role as Role))
    throw invalid('INVALID_ROLE', `role must be one of ${ROLES.join(', ')}`, `${field}.role`);
  return { role: value.role, office: assertOfficeCode(value.office, `${field}.office`) };
}

/**
 * Who may manage whom: an admin anyone; a leader only officers of offices within its subtree —
 * every grant it gives or takes, and every grant the user already holds, is such an officer grant.
 */
function requireManager(ctx: CommandContext, grants: Grant[]): void {
  const { role, office } = ctx.actor;
  if (role === 'admin') return;
  if (role !== 'leader') throw forbidden('ROLE_NOT_ALLOWED', `role ${role} may not manage users (needs admin or leader)`);
  for (const g of grants) {
    if (g.role !== 'officer') throw forbidden('ROLE_NOT_ALLOWED', `a leader manages officers only, not ${g.role}s`);
    if (!ctx.isWithin(g.office, office)) throw forbidden('OUTSIDE_SUBTREE', `office ${g.office} is outside the subtree of ${office}`);
  }
}

function requireUser(state: UserState): User {
  if (!state) throw notFound('USER_NOT_FOUND', 'no such user');
  return state;
}

/**
 * A leader needs the user to be one of its officers: at least one grant, all in scope. The user's
 * grants are not named in the refusal (the caller may not see them); the ones it asked for are.
 */
function requireManagerOf(ctx: CommandContext, user: User, extra: Grant[] = []): void {
  if (ctx.actor.role === 'leader') {
    const mine = user.grants.length > 0 && user.grants.every((g) => g.role === 'officer' && ctx.isWithin(g.office, ctx.actor.office));
    if (!mine) throw forbidden('OUTSIDE_SUBTREE', 'this user is not one of the officers of your subtree');
  }
  requireManager(ctx, extra);
}

export function decideUser(command: UserCommand, state: UserState, ctx: CommandContext): UserEvent[] {
  switch (command.type) {
    case 'RegisterUser': {
      const d = command.data;
      const username = assertUsername(d.username);
      const name = requireText(d.name, 'name', 'INVALID_NAME', 500);
      const email = d.email == null || d.email === '' ? null : String(d.email).trim();
      if (email !== null && (!EMAIL.test(email) || email.length > 254))
        throw invalid('INVALID_EMAIL', `"${email}" is not an e-mail address`, 'email');
      const grants: Grant[] = [];
      (d.grants ?? []).forEach((g, i) => {
        const grant = assertGrant(g, `grants[${i}]`);
        if (!grants.some((x) => sameGrant(x, grant))) grants.push(grant);
      });
      requireManager(ctx, grants);
      if (ctx.actor.role === 'leader' && grants.length === 0)
        throw forbidden('ROLE_NOT_ALLOWED', 'a leader registers officers: give at least one officer grant');
      if (state) throw conflict('USER_EXISTS', `user ${state.id} exists`);
      return [
        { type: 'UserRegistered', data: { userId: d.userId, username, name, email } },
        ...grants.map((g): UserEvent => ({ type: 'UserGranted', data: { userId: d.userId, ...g } })),
        ...(d.passwordHash === null
          ? []
          : [{ type: 'PasswordSet', data: { userId: d.userId, hash: d.passwordHash, mustChange: d.mustChange } } as UserEvent]),
      ];
    }
    case 'GrantRole': {
      const user = requireUser(state);
      const grant = assertGrant(command.data, 'body');
      requireManagerOf(ctx, user, [grant]);
      if (user.grants.some((g) => sameGrant(g, grant))) return [];
      return [{ type: 'UserGranted', data: { userId: user.id, ...grant } }];
    }
    case 'RevokeGrant': {
      const user = requireUser(state);
      const grant = assertGrant(command.data, 'body');
      requireManagerOf(ctx, user, [grant]);
      if (!user.grants.some((g) => sameGrant(g, grant)))
        throw conflict('GRANT_NOT_HELD', `${user.username} does not hold ${grant.role} of ${grant.office}`);
      return [{ type: 'UserGrantRevoked', data: { userId: user.id, ...grant } }];
    }
    case 'DisableUser': {
      const user = requireUser(state);
      requireManagerOf(ctx, user);
      const reason = requireText(command.data.reason, 'reason', 'REASON_REQUIRED');
      if (user.id === ctx.actor.userId) throw conflict('CANNOT_DISABLE_SELF', 'you cannot disable your own account');
      if (user.status === 'disabled') return [];
      return [{ type: 'UserDisabled', data: { userId: user.id, reason } }];
    }
    case 'EnableUser': {
      const user = requireUser(state);
      requireManagerOf(ctx, user);
      const reason = optionalText(command.data.reason, 'reason');
      if (user.status === 'active') return [];
      return [{ type: 'UserEnabled', data: { userId: user.id, reason } }];
    }
    case 'ResetPassword': {
      const user = requireUser(state);
      requireManagerOf(ctx, user);
      return [{ type: 'PasswordSet', data: { userId: user.id, hash: command.data.passwordHash, mustChange: true } }];
    }
    case 'ChangeOwnPassword': {
      const user = requireUser(state);
      if (user.id !== ctx.actor.userId) throw forbidden('NOT_YOUR_ACCOUNT', 'only the user changes its own password');
      if (user.status !== 'active') throw conflict('USER_DISABLED', 'this account is disabled');
      return [{ type: 'PasswordSet', data: { userId: user.id, hash: command.data.passwordHash, mustChange: false } }];
    }
    default:
      return assertNever(command);
  }
}

export const userDecider: Decider<UserState, UserCommand, UserEvent> = {
  initialState: initialUserState,
  decide: decideUser,
  evolve: evolveUser,
};
