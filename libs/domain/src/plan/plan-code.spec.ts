import { CommandContext } from '../shared';
import { decidePlanCode, evolvePlanCode, legacyPlanCodeStreamId, planCodeStreamId } from './plan-code';

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

  it('does not name the plan that holds the code (issue 13, item 8)', () => {
    const state = evolvePlanCode(null, { type: 'PlanCodeClaimed', data: { code: 'SH-1', planId: 'p1-secret-id' } });
    let message = '';
    try {
      decidePlanCode({ type: 'ClaimPlanCode', data: { code: 'SH-1', planId: 'p2' } }, state, ctx());
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/already used/);
    expect(message).not.toContain('p1-secret-id');
  });

  it('refuses officers and normalises the stream id', () => {
    expect(() => decidePlanCode({ type: 'ClaimPlanCode', data: { code: 'X', planId: 'p' } }, null, ctx('officer'))).toThrow(
      expect.objectContaining({ code: 'ROLE_NOT_ALLOWED' }),
    );
    expect(planCodeStreamId('ubnd-sh', ' sh-1 ')).toBe('planCode-UBND-SH:SH-1');
    expect(legacyPlanCodeStreamId(' sh-1 ')).toBe('planCode-SH-1');
  });
});
