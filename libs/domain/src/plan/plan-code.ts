import { CommandContext, Decider, DomainEvent, assertNever, conflict } from '../shared';
import { requireRole } from '../office';

/**
 * A plan code names one plan of its issuer (imports are idempotent by it), which spans plans: the
 * application claims the code in a stream of its own before it adopts the plan. Claiming again for
 * the same plan id records nothing; for another plan it is PLAN_CODE_TAKEN. Codes are unique per
 * issuer: two districts may both number a plan "KH-01".
 *
 * Claims written before codes were per issuer live under `legacyPlanCodeStreamId(code)`; the
 * application still honours them for the plan's own issuer (see PlanCodes in the API).
 */
export const planCodeStreamId = (issuer: string, code: string): string =>
  `planCode-${issuer.trim().toUpperCase()}:${code.trim().toUpperCase()}`;
/** The global claim of the first releases (no ':' can appear in a legacy id: codes never hold one). */
export const legacyPlanCodeStreamId = (code: string): string => `planCode-${code.trim().toUpperCase()}`;

export interface ClaimPlanCode {
  type: 'ClaimPlanCode';
  data: { code: string; planId: string; issuer?: string };
}
export type PlanCodeClaimed = DomainEvent<'PlanCodeClaimed', { code: string; planId: string; issuer?: string }>;
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
    // The other plan is the same issuer's, but its id is not named: the message stays safe to show anyone.
    throw conflict('PLAN_CODE_TAKEN', `plan code ${state.code} is already used by another plan of this issuer`, 'code');
  }
  const { issuer } = command.data;
  return [
    { type: 'PlanCodeClaimed', data: { code: command.data.code.trim(), planId: command.data.planId, ...(issuer ? { issuer } : {}) } },
  ];
}

export const planCodeDecider: Decider<PlanCodeState, ClaimPlanCode, PlanCodeClaimed> = {
  initialState: null,
  decide: decidePlanCode,
  evolve: evolvePlanCode,
};
