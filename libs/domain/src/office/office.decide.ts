import { CommandContext, Decider, assertNever, conflict, invalid, notFound } from '../shared';
import { requireRole } from './office-access';
import { assertOfficeCode, optionalText, requireText } from './office-code';
import { OfficeCommand, RegisterOffice } from './office.commands';
import { OfficeEvent } from './office.events';
import { evolveOffice } from './office.evolve';
import { OFFICE_LEVELS, Office, OfficeLevel, OfficeState, initialOfficeState } from './office.state';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Only admins write offices. Whether `parent` / `into` exist and are active is known from other
 * streams, so the application checks it; here we check what one office's history can tell.
 * A command that changes nothing (same name, same parent) records nothing.
 */
export function decideOffice(command: OfficeCommand, state: OfficeState, ctx: CommandContext): OfficeEvent[] {
  requireRole(ctx, ['admin']);
  switch (command.type) {
    case 'RegisterOffice':
      return register(command, state);
    case 'RenameOffice': {
      const office = requireOpen(state);
      const name = requireText(command.data.name, 'name', 'INVALID_NAME', 500);
      if (name === office.name) return [];
      return [{ type: 'OfficeRenamed', data: { code: office.code, name, previousName: office.name } }];
    }
    case 'MoveOffice': {
      const office = requireOpen(state);
      const parent = command.data.parent == null ? null : assertOfficeCode(command.data.parent, 'parent');
      if (parent === office.parent) return [];
      // Under itself or under one of its own descendants would make the tree a cycle.
      if (parent !== null && (parent === office.code || ctx.isWithin(parent, office.code))) {
        throw invalid('OFFICE_CYCLE', `${office.code} cannot move under ${parent}, which is within it`, 'parent');
      }
      return [{ type: 'OfficeMoved', data: { code: office.code, parent, previousParent: office.parent } }];
    }
    case 'MergeOffice': {
      const office = requireOpen(state);
      const into = assertOfficeCode(command.data.into, 'into');
      if (into === office.code) throw invalid('MERGE_INTO_SELF', `${office.code} cannot be merged into itself`, 'into');
      const reason = requireText(command.data.reason, 'reason', 'REASON_REQUIRED');
      return [{ type: 'OfficeMerged', data: { code: office.code, into, reason } }];
    }
    case 'CloseOffice': {
      const office = requireOpen(state);
      const reason = optionalText(command.data.reason, 'reason');
      return [{ type: 'OfficeClosed', data: { code: office.code, reason } }];
    }
    default:
      return assertNever(command);
  }
}

function register(command: RegisterOffice, state: OfficeState): OfficeEvent[] {
  const { data } = command;
  const code = assertOfficeCode(data.code, 'code');
  if (state) throw conflict('OFFICE_EXISTS', `office ${code} is already registered`, 'code');
  const name = requireText(data.name, 'name', 'INVALID_NAME', 500);
  const parent = data.parent == null ? null : assertOfficeCode(data.parent, 'parent');
  if (parent === code) throw invalid('OFFICE_CYCLE', `${code} cannot be its own parent`, 'parent');
  const level = parseLevel(data.level);
  const email = data.email == null || data.email === '' ? null : data.email;
  if (email !== null && (typeof email !== 'string' || !EMAIL.test(email) || email.length > 254)) {
    throw invalid('INVALID_EMAIL', `"${String(email)}" is not an e-mail address`, 'email');
  }
  return [{ type: 'OfficeRegistered', data: { code, name, parent, level, email } }];
}

function parseLevel(value: unknown): OfficeLevel | null {
  if (value === undefined || value === null) return null;
  if (!OFFICE_LEVELS.includes(value as OfficeLevel)) {
    throw invalid('INVALID_LEVEL', `level must be one of ${OFFICE_LEVELS.join(', ')}`, 'level');
  }
  return value as OfficeLevel;
}

function requireOpen(state: OfficeState): Office {
  if (!state) throw notFound('OFFICE_NOT_FOUND', 'no such office');
  if (state.status !== 'active') {
    throw conflict('OFFICE_CLOSED', `office ${state.code} is ${state.status}${state.mergedInto ? ` into ${state.mergedInto}` : ''}`);
  }
  return state;
}

export const officeDecider: Decider<OfficeState, OfficeCommand, OfficeEvent> = {
  initialState: initialOfficeState,
  decide: decideOffice,
  evolve: evolveOffice,
};
