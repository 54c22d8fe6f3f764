import { CommandContext, Decider, DomainEvent, LocalDate, assertNever, conflict, invalid, parseLocalDate } from '../shared';
import { assertOfficeCode, requireLeaderFor, requireRole } from '../office';

/**
 * "The same number from the same issuer with another date is 409" spans directives, so the
 * application claims the number in a tiny stream of its own before it issues the directive.
 * The key ignores case and whitespace ("2249 / qđ-ubnd" is "2249/QĐ-UBND").
 */
export function normaliseDirectiveNumber(number: string): string {
  return number.normalize('NFC').replace(/\s+/g, '').toLocaleUpperCase('vi');
}

export function directiveKey(issuer: string, number: string): string {
  return `directiveNumber-${issuer.trim().toUpperCase()}:${normaliseDirectiveNumber(number)}`;
}

export interface ClaimDirectiveNumber {
  type: 'ClaimDirectiveNumber';
  data: { issuer: string; number: string; issuedOn: LocalDate; directiveId: string };
}

export type DirectiveNumberClaimed = DomainEvent<
  'DirectiveNumberClaimed',
  { issuer: string; number: string; issuedOn: LocalDate; directiveId: string }
>;
export type DirectiveNumberEvent = DirectiveNumberClaimed;

export type DirectiveNumberState = DirectiveNumberClaimed['data'] | null;

export function evolveDirectiveNumber(state: DirectiveNumberState, event: DirectiveNumberEvent): DirectiveNumberState {
  switch (event.type) {
    case 'DirectiveNumberClaimed':
      return state ?? event.data;
    default:
      return assertNever(event.type);
  }
}

/**
 * A first claim records the number. Claiming it again with the same date records nothing and the
 * application answers with `existingDirectiveId(state)` (the same directive, idempotent);
 * another date is DIRECTIVE_NUMBER_TAKEN.
 */
export function decideDirectiveNumber(
  command: ClaimDirectiveNumber,
  state: DirectiveNumberState,
  ctx: CommandContext,
): DirectiveNumberEvent[] {
  requireRole(ctx, ['leader', 'admin']);
  const issuer = assertOfficeCode(command.data.issuer, 'issuer');
  requireLeaderFor(ctx, issuer);
  const issuedOn = parseLocalDate(command.data.issuedOn, 'issuedOn');
  const number = typeof command.data.number === 'string' ? command.data.number.trim() : '';
  if (number === '') throw invalid('INVALID_NUMBER', 'number is required', 'number');
  if (state) {
    if (state.issuedOn === issuedOn) return [];
    throw conflict(
      'DIRECTIVE_NUMBER_TAKEN',
      `${state.number} of ${state.issuer} was issued on ${state.issuedOn} (directive ${state.directiveId})`,
      'number',
    );
  }
  return [{ type: 'DirectiveNumberClaimed', data: { issuer, number, issuedOn, directiveId: command.data.directiveId } }];
}

export const existingDirectiveId = (state: DirectiveNumberState): string | null => state?.directiveId ?? null;

export const directiveNumberDecider: Decider<DirectiveNumberState, ClaimDirectiveNumber, DirectiveNumberEvent> = {
  initialState: null,
  decide: decideDirectiveNumber,
  evolve: evolveDirectiveNumber,
};
