import {
  CommandContext,
  Decider,
  LocalDate,
  assertNever,
  conflict,
  forbidden,
  invalid,
  isLocalDate,
  localDateOf,
  notFound,
} from '../shared';
import { assertOfficeCode, optionalText, requireLeaderFor, requireRole, requireText, requireWithinSubtree } from '../office';
import { latestMeasurement, parseTargetSpec, parseTargetValue } from '../counting';
import { AdoptPlan, PlanCommand, TargetInput } from './plan.commands';
import { PlanEvent, TargetAdded } from './plan.events';
import { evolvePlan } from './plan.evolve';
import { Plan, PlanState, initialPlanState } from './plan.state';

const TARGET_CODE = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Leaders adopt and manage plans of offices within their subtree; admins any.
 * - Targets given with AdoptPlan are recorded as PlanAdopted followed by one TargetAdded each, in
 *   one append: a target has one defining event whether it came at adoption or later.
 * - Whether the directive exists and is not revoked, and whether the plan code is unique, is for
 *   the application (other streams).
 * - A closed plan takes no new targets, but measurements are still recorded: results of a year
 *   are published after the plan closes (e.g. the PAR INDEX in the spring after).
 * - A measurement cannot be dated after the day it is recorded (its occurredAt, local date).
 *   Recording the same value, date and source twice records nothing; another value for the same
 *   date corrects it (the latest recorded wins).
 */
export function decidePlan(command: PlanCommand, state: PlanState, ctx: CommandContext): PlanEvent[] {
  switch (command.type) {
    case 'AdoptPlan':
      return adopt(command, state, ctx);
    case 'AddTarget': {
      const plan = requirePlan(state, ctx);
      requireActive(plan);
      return [target(command.data, plan.targets, '')];
    }
    case 'MeasureTarget': {
      const plan = requirePlan(state, ctx);
      const d = command.data;
      const found = typeof d.code === 'string' && Object.hasOwn(plan.targets, d.code) ? plan.targets[d.code] : undefined;
      if (!found) throw notFound('TARGET_NOT_FOUND', `plan ${plan.id} has no target ${String(d.code)}`);
      if (typeof d.asOf !== 'string' || !isLocalDate(d.asOf))
        throw invalid('INVALID_DATE', `"${String(d.asOf)}" is not a date (YYYY-MM-DD)`, 'asOf');
      if (d.asOf > localDateOf(ctx.occurredAt))
        throw invalid('MEASURED_IN_FUTURE', `a measurement cannot be as of ${d.asOf}, later than today`, 'asOf');
      const value = parseTargetValue(found.definition.unit, d.value, 'value');
      const source = optionalText(d.source, 'source');
      const same = latestMeasurement(found.measurements, d.asOf);
      if (same && same.asOf === d.asOf && same.value === value && same.source === source) return [];
      return [{ type: 'TargetMeasured', data: { code: found.definition.code, value, asOf: d.asOf, source } }];
    }
    case 'ClosePlan': {
      const plan = requirePlan(state, ctx);
      requireActive(plan);
      return [{ type: 'PlanClosed', data: { id: plan.id, reason: optionalText(command.data.reason, 'reason') } }];
    }
    default:
      return assertNever(command);
  }
}

function adopt(command: AdoptPlan, state: PlanState, ctx: CommandContext): PlanEvent[] {
  requireRole(ctx, ['leader', 'admin']);
  const d = command.data;
  const issuer = assertOfficeCode(d.issuer, 'issuer');
  requireLeaderFor(ctx, issuer);
  if (state) throw conflict('PLAN_EXISTS', `plan ${state.id} already exists`, 'id');
  const id = requireText(d.id, 'id', 'INVALID_ID', 128);
  const code = optionalText(d.code, 'code', 'INVALID_PLAN_CODE', 128);
  const directiveId = optionalText(d.directiveId, 'directiveId', 'INVALID_ID', 128);
  const title = requireText(d.title, 'title', 'INVALID_TITLE');
  const period = parsePeriod(d.period);
  if (d.requiresAcceptance !== undefined && d.requiresAcceptance !== null && typeof d.requiresAcceptance !== 'boolean') {
    throw invalid('INVALID_VALUE', 'requiresAcceptance is true or false', 'requiresAcceptance');
  }
  const requiresAcceptance = d.requiresAcceptance ?? true;
  const followUp = d.followUp == null ? null : assertOfficeCode(d.followUp, 'followUp');
  // The follow-up office reads the plan's tasks: only an office of the leader's own scope.
  if (followUp !== null) requireWithinSubtree(ctx, followUp);
  if (directiveId !== null && d.directiveIssuer !== undefined && !onTheLineOf(ctx, d.directiveIssuer, issuer)) {
    throw forbidden('DIRECTIVE_OUTSIDE_SCOPE', 'the directive is not one of the issuer, its superiors or its subordinates');
  }
  if (d.targets !== undefined && d.targets !== null && !Array.isArray(d.targets))
    throw invalid('INVALID_TARGET', 'targets is a list', 'targets');
  const added: Record<string, unknown> = {};
  const targets: TargetAdded[] = (d.targets ?? []).map((t, i) => {
    const event = target(t, added, `targets[${i}].`);
    added[event.data.code] = true;
    return event;
  });
  return [{ type: 'PlanAdopted', data: { id, code, directiveId, issuer, title, period, requiresAcceptance, followUp } }, ...targets];
}

/** `office` is `issuer`, above it or below it: the line whose directives a plan of `issuer` implements. */
function onTheLineOf(ctx: CommandContext, office: string, issuer: string): boolean {
  return ctx.isWithin(office, issuer) || ctx.isWithin(issuer, office);
}

function target(input: TargetInput, existing: Record<string, unknown>, prefix: string): TargetAdded {
  if (input === null || typeof input !== 'object')
    throw invalid('INVALID_TARGET', 'a target is an object', prefix.slice(0, -1) || 'target');
  if (typeof input.code !== 'string' || !TARGET_CODE.test(input.code)) {
    throw invalid(
      'INVALID_TARGET_CODE',
      `"${String(input.code)}" is not a target code (letters, digits, '.', '-', '_'; 1–64)`,
      `${prefix}code`,
    );
  }
  if (Object.hasOwn(existing, input.code)) throw conflict('TARGET_EXISTS', `target ${input.code} already exists`, `${prefix}code`);
  const name = requireText(input.name, `${prefix}name`, 'INVALID_NAME', 500);
  const spec = parseTargetSpec(input, prefix);
  return { type: 'TargetAdded', data: { code: input.code, name, ...spec } };
}

function parsePeriod(period: unknown): { from: LocalDate; to: LocalDate } {
  if (period === null || typeof period !== 'object') throw invalid('INVALID_PERIOD', 'period { from, to } is required', 'period');
  const { from, to } = period as { from?: unknown; to?: unknown };
  if (typeof from !== 'string' || !isLocalDate(from))
    throw invalid('INVALID_DATE', `"${String(from)}" is not a date (YYYY-MM-DD)`, 'period.from');
  if (typeof to !== 'string' || !isLocalDate(to)) throw invalid('INVALID_DATE', `"${String(to)}" is not a date (YYYY-MM-DD)`, 'period.to');
  if (from > to) throw invalid('INVALID_PERIOD', `the period ends (${to}) before it starts (${from})`, 'period.to');
  return { from, to };
}

/** Role and subtree first (nothing about a plan leaks to the wrong actor), then existence. */
function requirePlan(state: PlanState, ctx: CommandContext): Plan {
  requireRole(ctx, ['leader', 'admin']);
  if (!state) throw notFound('PLAN_NOT_FOUND', 'no such plan');
  requireLeaderFor(ctx, state.issuer, 'the plan');
  return state;
}

function requireActive(plan: Plan): void {
  if (plan.status === 'closed') throw conflict('PLAN_CLOSED', `plan ${plan.id} is closed`);
}

export const planDecider: Decider<PlanState, PlanCommand, PlanEvent> = {
  initialState: initialPlanState,
  decide: decidePlan,
  evolve: evolvePlan,
};
