import { CommandContext, isLocalDate, LocalDate } from '../shared';
import { TaskErrors } from './task.errors';

/**
 * Who may act. Admin may do anything (back-fills and corrections, recorded under its name);
 * inspectors only read. The office tree belongs to the application: the domain asks `ctx.isWithin`.
 */
export function requireLeadOfficer(lead: string, ctx: CommandContext): void {
  const { role, office } = ctx.actor;
  if (role === 'admin') return;
  // Leaders assign and judge; reporting for the lead office is the office's own job.
  if (role !== 'officer') throw TaskErrors.roleNotAllowed(role);
  if (office !== lead) throw TaskErrors.notLeadOffice(office);
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
  return field.replace(/([a-z])([A-Z])/g, '$1_$2').replace(/\W+/g, '_').toUpperCase();
}
