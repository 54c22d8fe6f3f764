import { CommandContext, LocalDate, conflict, forbidden, invalid, isLocalDate, localDateOf } from '../shared';
import { assertOfficeCode, requireRole, requireWithinSubtree } from '../office';
import { InspectionPeriod } from './inspection.events';
import { Inspection } from './inspection.state';

const CRITERION = /^\d+(\.\d+)*$/;

/**
 * Who records what an inspection finds (visits, conclusion, findings and their resolution):
 * "inspectors and the inspecting office record them". An admin; a leader or an inspector whose
 * subtree holds the inspecting office; an officer of the inspecting office itself. An inspected
 * office never records about itself.
 */
export function requireRecorder(ctx: CommandContext, inspectingOffice: string): void {
  requireRole(ctx, ['leader', 'inspector', 'officer', 'admin']);
  if (ctx.actor.role === 'officer') {
    if (ctx.actor.office !== inspectingOffice)
      throw forbidden('NOT_INSPECTING_OFFICE', 'only the inspecting office records this inspection');
    return;
  }
  requireWithinSubtree(ctx, inspectingOffice, 'the inspection');
}

/**
 * Leaders plan, reschedule and cancel inspections whose inspecting and inspected offices are all
 * in their subtree (admins any): the head of the inspecting office alone does not move the visits
 * of offices beside it.
 */
export function requirePlanner(ctx: CommandContext, inspection: Pick<Inspection, 'inspectingOffice' | 'offices'>): void {
  requireRole(ctx, ['leader', 'admin']);
  for (const office of [inspection.inspectingOffice, ...inspection.offices]) requireWithinSubtree(ctx, office, 'the inspection');
}

export function parsePeriod(period: unknown, field = 'period'): InspectionPeriod {
  if (period === null || typeof period !== 'object') throw invalid('INVALID_PERIOD', 'period { from, to } is required', field);
  const { from, to } = period as { from?: unknown; to?: unknown };
  if (typeof from !== 'string' || !isLocalDate(from))
    throw invalid('INVALID_DATE', `"${String(from)}" is not a date (YYYY-MM-DD)`, `${field}.from`);
  if (typeof to !== 'string' || !isLocalDate(to))
    throw invalid('INVALID_DATE', `"${String(to)}" is not a date (YYYY-MM-DD)`, `${field}.to`);
  if (from > to) throw invalid('INVALID_PERIOD', `the period ends (${to}) before it starts (${from})`, `${field}.to`);
  return { from, to };
}

export function requireNotInFuture(date: LocalDate, ctx: CommandContext, field: string, code: string): void {
  if (date > localDateOf(ctx.occurredAt)) throw invalid(code, `${date} is later than today`, field);
}

export function parseCriterion(value: unknown, field = 'criterion'): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !CRITERION.test(value.trim()))
    throw invalid('INVALID_CRITERION', `"${String(value)}" is not a criterion code such as 1.3.2`, field);
  return value.trim();
}

export function parseOffices(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || value.length === 0) throw invalid('INVALID_OFFICES', `${field} is a non-empty list of office codes`, field);
  const codes = value.map((v, i) => assertOfficeCode(v, `${field}[${i}]`));
  if (new Set(codes).size !== codes.length) throw invalid('INVALID_OFFICES', `${field} names an office twice`, field);
  return codes;
}

/** An office the inspection covers: anything else is a 400 naming the field. */
export function requireInspected(inspection: Pick<Inspection, 'offices'>, office: unknown, field = 'office'): string {
  const code = assertOfficeCode(office, field);
  if (!inspection.offices.includes(code)) throw invalid('OFFICE_NOT_INSPECTED', `office ${code} is not one this inspection covers`, field);
  return code;
}

export function requireOpenInspection(inspection: Pick<Inspection, 'status' | 'id'>): void {
  if (inspection.status === 'cancelled') throw conflict('INSPECTION_CANCELLED', `inspection ${inspection.id} is cancelled`);
  if (inspection.status === 'concluded') throw conflict('INSPECTION_CONCLUDED', `inspection ${inspection.id} is concluded`);
}

export function parseDate(value: unknown, field: string): LocalDate {
  if (typeof value !== 'string' || !isLocalDate(value))
    throw invalid('INVALID_DATE', `"${String(value)}" is not a date (YYYY-MM-DD)`, field);
  return value;
}
