import { TaskCommand } from './task.commands';
import { TaskEvent } from './task.events';
import { admin, assigned, assignCommand, ctx, expectRefusal, leader, stateOf, when } from './task.spec-helpers';

/**
 * Issue 13, item 9: the head of the lead office (a leader token for the lead office itself) reports
 * and asks like its officers, but deciding on the task belongs to an office strictly above it.
 */
const at = '2024-02-01T10:00:00+07:00';
const head = ctx('leader', 'SH-NV', at);
const history: TaskEvent[] = [assigned()];
const requested: TaskEvent = {
  type: 'ExtensionRequested',
  data: { requestId: 'ext-1', currentDueOn: '2024-03-31', dueOn: '2024-04-30', phrase: null, reason: 'x', at: '2024-01-20T03:00:00.000Z' },
};
const reported: TaskEvent = {
  type: 'CompletionReported',
  data: {
    occurrence: null,
    completedOn: '2024-01-25',
    note: 'x',
    evidence: [],
    achievedValue: null,
    at: '2024-01-25T03:00:00.000Z',
    final: false,
  },
};
const accepted: TaskEvent = {
  type: 'CompletionAccepted',
  data: { occurrence: null, completedOn: '2024-01-25', note: null, at: '2024-01-26T03:00:00.000Z' },
};
const cancelled: TaskEvent = { type: 'TaskCancelled', data: { reason: 'x', at: '2024-01-20T03:00:00.000Z' } };

const decisions: [string, TaskEvent[], TaskCommand][] = [
  ['grant an extension', [...history, requested], { type: 'GrantExtension', requestId: 'ext-1' }],
  ['deny an extension', [...history, requested], { type: 'DenyExtension', requestId: 'ext-1', reason: 'x' }],
  ['change the deadline', history, { type: 'ChangeDeadline', dueOn: '2024-05-31', reason: 'x' }],
  ['accept its completion', [...history, reported], { type: 'AcceptCompletion' }],
  ['return its completion', [...history, reported], { type: 'ReturnCompletion', reason: 'x' }],
  ['cancel it', history, { type: 'CancelTask', reason: 'x' }],
  ['reopen it when cancelled', [...history, cancelled], { type: 'ReopenTask', reason: 'x' }],
  ['reopen it when completed', [...history, reported, accepted], { type: 'ReopenTask', reason: 'x' }],
  ['reassign it', history, { type: 'ReassignTask', lead: 'SH-TP', reason: 'x' }],
];

describe('deciding on a task belongs to an office strictly above the lead office', () => {
  it.each(decisions)('the head of the lead office may not %s (403 LEAD_OFFICE_MAY_NOT_DECIDE)', (_what, events, command) => {
    expectRefusal(events, command, head, 'LEAD_OFFICE_MAY_NOT_DECIDE', 'forbidden');
  });

  it.each(decisions)('a leader of the office above may %s', (_what, events, command) => {
    expect(when(events, command, leader(at))).toHaveLength(1);
  });

  it.each(decisions)('so may a leader two levels up, and an admin: %s', (_what, events, command) => {
    expect(when(events, command, ctx('leader', 'UBND-QNG', at))).toHaveLength(1);
    expect(when(events, command, admin(at))).toHaveLength(1);
  });

  it('a leader may not reassign a task to its own office (it could then not decide on it)', () => {
    expectRefusal(history, { type: 'ReassignTask', lead: 'UBND-SH', reason: 'x' }, leader(at), 'LEAD_OFFICE_MAY_NOT_DECIDE', 'forbidden');
  });

  it('a leader may not assign a task to its own office', () => {
    let error: unknown;
    try {
      when([], assignCommand({ lead: 'UBND-SH' }), leader('2024-01-15T09:00:00+07:00'));
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'LEAD_OFFICE_MAY_NOT_DECIDE', category: 'forbidden' });
  });

  it('the head of the lead office reports and asks like its officers', () => {
    expect(when(history, { type: 'AcknowledgeTask' }, head)).toHaveLength(1);
    expect(when(history, { type: 'ReportProgress', note: 'Đang làm', percent: 50 }, head)).toHaveLength(1);
    expect(when(history, { type: 'RequestExtension', requestId: 'ext-1', dueOn: '2024-04-30', reason: 'x' }, head)).toHaveLength(1);
    const events = when(history, { type: 'ReportCompletion', note: 'Xong', completedOn: '2024-01-30' }, head);
    expect(stateOf([...history, ...events])?.completion?.status).toBe('awaiting');
  });

  it('a leader of another office may not report for the lead office', () => {
    expectRefusal(history, { type: 'ReportProgress', note: 'x' }, ctx('leader', 'SH-TP', at), 'NOT_LEAD_OFFICE', 'forbidden');
  });
});

describe('writes stay in the plan issuer’s scope (issue 13, item 8)', () => {
  const assignAt = '2024-01-15T09:00:00+07:00';
  const refused = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return e;
    }
    return undefined;
  };

  it('a leader may not add a task to a plan of an issuer outside its subtree', () => {
    // UBND-SH's leader, naming its own SH-NV as lead, still may not write into SNV-QNG's plan.
    const e = refused(() => when([], assignCommand({ planIssuer: 'SNV-QNG', lead: 'SH-NV' }), leader(assignAt)));
    expect(e).toMatchObject({ code: 'OUTSIDE_SUBTREE', category: 'forbidden' });
  });

  it('the lead office is under the plan’s issuer, even for a leader above both', () => {
    const e = refused(() => when([], assignCommand({ planIssuer: 'UBND-SH', lead: 'SNV-QNG' }), ctx('leader', 'UBND-QNG', assignAt)));
    expect(e).toMatchObject({ code: 'LEAD_OUTSIDE_PLAN_ISSUER', category: 'forbidden' });
    expect(when([], assignCommand({ planIssuer: 'UBND-SH' }), leader(assignAt))).toHaveLength(1);
  });

  it('supporting and follow-up offices are within the assigning leader’s scope', () => {
    expect(
      refused(() => when([], assignCommand({ planIssuer: 'UBND-SH', supporting: ['SH-VP', 'SNV-QNG'] }), leader(assignAt))),
    ).toMatchObject({
      code: 'OUTSIDE_SUBTREE',
    });
    expect(refused(() => when([], assignCommand({ planIssuer: 'UBND-SH', followUp: 'SNV-QNG' }), leader(assignAt)))).toMatchObject({
      code: 'OUTSIDE_SUBTREE',
    });
    expect(when([], assignCommand({ planIssuer: 'UBND-SH', supporting: ['SH-VP'], followUp: 'SH-VP' }), leader(assignAt))).toHaveLength(1);
  });

  it('a task is reassigned only to an office under the plan’s issuer', () => {
    const e = refused(() =>
      when(history, { type: 'ReassignTask', lead: 'SNV-QNG', reason: 'x', planIssuer: 'UBND-SH' }, ctx('leader', 'UBND-QNG', at)),
    );
    expect(e).toMatchObject({ code: 'LEAD_OUTSIDE_PLAN_ISSUER', category: 'forbidden' });
  });
});
