import { CommandContext, Decider, DomainEvent, assertNever, conflict } from '../shared';
import { requireRole } from '../office';

/**
 * A plan code names one plan (imports are idempotent by it), which spans plans: the application
 * claims the code in a stream of its own before it adopts the plan. Claiming again for the same
 * plan id records nothing; for another plan it is PLAN_CODE_TAKEN.
 */
export const planCodeStreamId = (code: string): string => `planCode-${code.trim().toUpperCase()}`;

export interface ClaimPlanCode {
  type: 'ClaimPlanCode';
  data: { code: string; planId: string };
}
export type PlanCodeClaimed = DomainEvent<'PlanCodeClaimed', { code: string; planId: string }>;
export type PlanCodeState = PlanCodeClaimed['data'] | null;

export function evolvePlanCode(state: PlanCodeState, event: PlanCodeClaimed): PlanCodeState {
  switch (event.type) {
    case 'PlanCodeClaimed':
      return state ?? event.data;
    default:
      return assertNever(event.type);
  }
}

export function decidePlanCode(command: ClaimPlanCode, state: PlanCodeState, ctx: CommandContext): PlanCodeClaimed[] {
  requireRole(ctx, ['leader', 'admin']);
  if (state) {
    if (state.planId === command.data.planId) return [];
    throw conflict('PLAN_CODE_TAKEN', `plan code ${state.code} belongs to plan ${state.planId}`, 'code');
  }
  return [{ type: 'PlanCodeClaimed', data: { code: command.data.code.trim(), planId: command.data.planId } }];
}

export const planCodeDecider: Decider<PlanCodeState, ClaimPlanCode, PlanCodeClaimed> = {
  initialState: null,
  decide: decidePlanCode,
  evolve: evolvePlanCode,
};
