import { CommandContext, Decider, assertNever, conflict, invalid, notFound, parseLocalDate } from '../shared';
import { assertOfficeCode, requireLeaderFor, requireRole, requireText } from '../office';
import { parseDirectiveKind } from './directive-kind';
import { DirectiveCommand, IssueDirective } from './directive.commands';
import { DirectiveEvent } from './directive.events';
import { evolveDirective } from './directive.evolve';
import { Directive, DirectiveState, initialDirectiveState } from './directive.state';

/**
 * Leaders write directives of offices within their subtree; admins any. Whether the number is
 * free (directiveKey) and whether `basis` numbers are known is for the application: they live in
 * other streams. A basis naming a directive not (yet) recorded is allowed: plans cite
 * central documents that nobody records here.
 */
export function decideDirective(command: DirectiveCommand, state: DirectiveState, ctx: CommandContext): DirectiveEvent[] {
  switch (command.type) {
    case 'IssueDirective':
      return issue(command, state, ctx);
    case 'AmendDirective': {
      const directive = requireIssued(state, ctx);
      const { data } = command;
      const reason = requireText(data.reason, 'reason', 'REASON_REQUIRED');
      const title = data.title === undefined ? undefined : requireText(data.title, 'title', 'INVALID_TITLE');
      const basis = data.basis === undefined ? undefined : parseBasis(data.basis);
      const changed: { title?: string; basis?: string[] } = {};
      if (title !== undefined && title !== directive.title) changed.title = title;
      if (basis !== undefined && basis.join('\n') !== directive.basis.join('\n')) changed.basis = basis;
      if (changed.title === undefined && changed.basis === undefined) {
        throw invalid('NOTHING_TO_AMEND', 'an amendment changes the title or the basis', title === undefined ? 'basis' : 'title');
      }
      return [{ type: 'DirectiveAmended', data: { id: directive.id, ...changed, reason } }];
    }
    case 'RevokeDirective': {
      const directive = requireIssued(state, ctx);
      const reason = requireText(command.data.reason, 'reason', 'REASON_REQUIRED');
      return [{ type: 'DirectiveRevoked', data: { id: directive.id, reason } }];
    }
    default:
      return assertNever(command);
  }
}

function issue(command: IssueDirective, state: DirectiveState, ctx: CommandContext): DirectiveEvent[] {
  const d = command.data;
  requireRole(ctx, ['leader', 'admin']);
  const issuer = assertOfficeCode(d.issuer, 'issuer');
  requireLeaderFor(ctx, issuer);
  if (state) throw conflict('DIRECTIVE_EXISTS', `directive ${state.id} already exists`, 'id');
  const id = requireText(d.id, 'id', 'INVALID_ID', 128);
  const number = requireText(d.number, 'number', 'INVALID_NUMBER', 128);
  const kind = parseDirectiveKind(d.kind);
  const issuedOn = parseLocalDate(d.issuedOn, 'issuedOn');
  const title = requireText(d.title, 'title', 'INVALID_TITLE');
  const basis = d.basis === undefined || d.basis === null ? [] : parseBasis(d.basis);
  return [{ type: 'DirectiveIssued', data: { id, number, kind, issuedOn, issuer, title, basis } }];
}

function parseBasis(value: unknown): string[] {
  if (!Array.isArray(value)) throw invalid('INVALID_BASIS', 'basis is a list of directive numbers', 'basis');
  const basis = value.map((n, i) => requireText(n, `basis[${i}]`, 'INVALID_BASIS', 128));
  return basis.filter((n, i) => basis.indexOf(n) === i);
}

function requireIssued(state: DirectiveState, ctx: CommandContext): Directive {
  requireRole(ctx, ['leader', 'admin']);
  if (!state) throw notFound('DIRECTIVE_NOT_FOUND', 'no such directive');
  requireLeaderFor(ctx, state.issuer, 'the directive');
  if (state.status === 'revoked') throw conflict('DIRECTIVE_REVOKED', `directive ${state.number} was revoked`);
  return state;
}

export const directiveDecider: Decider<DirectiveState, DirectiveCommand, DirectiveEvent> = {
  initialState: initialDirectiveState,
  decide: decideDirective,
  evolve: evolveDirective,
};
