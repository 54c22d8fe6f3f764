import { CommandContext } from '../shared';
import { decidePlanCode, evolvePlanCode, planCodeStreamId } from './plan-code';

const ctx = (role: 'leader' | 'officer' = 'leader'): CommandContext => ({
  actor: { userId: 'u1', role, office: 'UBND-SH' },
  occurredAt: new Date('2024-01-15T01:00:00Z'),
  recordedAt: new Date('2024-01-15T01:00:00Z'),
  isWithin: () => true,
});

describe('plan code claim', () => {
  it('claims a free code', () => {
    expect(decidePlanCode({ type: 'ClaimPlanCode', data: { code: ' SH-1 ', planId: 'p1' } }, null, ctx())).toEqual([
      { type: 'PlanCodeClaimed', data: { code: 'SH-1', planId: 'p1' } },
    ]);
  });

  it('records nothing when the same plan claims again, refuses another plan', () => {
    const state = evolvePlanCode(null, { type: 'PlanCodeClaimed', data: { code: 'SH-1', planId: 'p1' } });
    expect(decidePlanCode({ type: 'ClaimPlanCode', data: { code: 'SH-1', planId: 'p1' } }, state, ctx())).toEqual([]);
    expect(() => decidePlanCode({ type: 'ClaimPlanCode', data: { code: 'SH-1', planId: 'p2' } }, state, ctx())).toThrow(
      expect.objectContaining({ code: 'PLAN_CODE_TAKEN', category: 'conflict' }),
    );
  });

  it('refuses officers and normalises the stream id', () => {
    expect(() => decidePlanCode({ type: 'ClaimPlanCode', data: { code: 'X', planId: 'p' } }, null, ctx('officer'))).toThrow(
      expect.objectContaining({ code: 'ROLE_NOT_ALLOWED' }),
    );
    expect(planCodeStreamId(' sh-1 ')).toBe('planCode-SH-1');
  });
});
