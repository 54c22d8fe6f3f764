import { CommandContext, isLocalDate, LocalDate } from '../shared';
import { TaskErrors } from './task.errors';

/**
 * Who may act. Admin may do anything (back-fills and corrections, recorded under its name);
 * inspectors only read. The office tree belongs to the application: the domain asks `ctx.isWithin`.
 */
export function requireLeadOfficer(lead: string, ctx: CommandContext): void {
  const { role, office } = ctx.actor;
  if (role === 'admin') return;
  // Reporting and asking are the lead office's own job: its officers, and its head (a leader token
  // of the lead office itself), who may not decide on the task (requireDecider).
  if (role !== 'officer' && role !== 'leader') throw TaskErrors.roleNotAllowed(role);
  if (office !== lead) throw TaskErrors.notLeadOffice(office);
}

/**
 * Deciding on a task (extensions, deadline, acceptance, return, reassign, cancel, reopen) belongs
 * to a leader of an office strictly above the lead office (API.md): the head of the lead office
 * reports and asks like its officers, and never judges its own work.
 */
export function requireDecider(ctx: CommandContext, lead: string, named = false): void {
  if (named) requireLeader(ctx, lead);
  else requireTaskInScope(ctx, lead);
  if (ctx.actor.role !== 'admin' && ctx.actor.office === lead) throw TaskErrors.leadOfficeDecides(lead);
}

/** A leader acting on a task led within its subtree; the refusal does not name the (recorded) lead. */
export function requireTaskInScope(ctx: CommandContext, lead: string): void {
  const { role, office } = ctx.actor;
  if (role === 'admin') return;
  if (role !== 'leader') throw TaskErrors.roleNotAllowed(role);
  if (lead !== office && !ctx.isWithin(lead, office)) throw TaskErrors.taskOutsideSubtree();
}

/** A leader acting on offices that must all be within the leader's subtree. */
export function requireLeader(ctx: CommandContext, ...offices: string[]): void {
  const { role, office } = ctx.actor;
  if (role === 'admin') return;
  if (role !== 'leader') throw TaskErrors.roleNotAllowed(role);
  for (const o of offices) {
    if (o !== office && !ctx.isWithin(o, office)) throw TaskErrors.outsideSubtree(o);
  }
}

/** A non-blank string, trimmed. */
export function requiredText(value: unknown, field: string, code = `${snake(field)}_REQUIRED`): string {
  if (typeof value !== 'string' || value.trim() === '') throw TaskErrors.required(code, field);
  return value.trim();
}

export function optionalText(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

export function requiredDate(value: unknown, field: string): LocalDate {
  if (!isLocalDate(value)) throw TaskErrors.invalidDate(value, field);
  return value;
}

function snake(field: string): string {
  return field
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/\W+/g, '_')
    .toUpperCase();
}
