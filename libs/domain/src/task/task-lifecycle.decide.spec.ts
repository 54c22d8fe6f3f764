import { TaskEvent } from './task.events';
import { admin, assigned, ctx, expectRefusal, inspector, leader, officer, stateOf, when } from './task.spec-helpers';

const history: TaskEvent[] = [assigned()];
const at = '2024-02-01T10:00:00+07:00';
const iso = '2024-02-01T03:00:00.000Z';
const cancelled: TaskEvent = { type: 'TaskCancelled', data: { reason: 'Không còn phù hợp', at: '2024-01-20T03:00:00.000Z' } };
const done: TaskEvent = {
  type: 'CompletionReported',
  data: {
    occurrence: null,
    completedOn: '2024-01-25',
    note: 'x',
    evidence: [],
    achievedValue: null,
    at: '2024-01-25T03:00:00.000Z',
    final: true,
  },
};

describe('AcknowledgeTask', () => {
  it('records the acknowledgement by the lead office', () => {
    const events = when(history, { type: 'AcknowledgeTask' }, officer(at));
    expect(events).toEqual([{ type: 'TaskAcknowledged', data: { office: 'SH-NV', at: iso } }]);
    expect(stateOf([...history, ...events])?.acknowledgedAt).toBe(iso);
  });

  it('refuses a second time, other offices, leaders, inspectors, a cancelled task', () => {
    const acked: TaskEvent = { type: 'TaskAcknowledged', data: { office: 'SH-NV', at: iso } };
    expectRefusal([...history, acked], { type: 'AcknowledgeTask' }, officer(at), 'TASK_ALREADY_ACKNOWLEDGED', 'conflict');
    expectRefusal(history, { type: 'AcknowledgeTask' }, officer(at, 'SH-TP'), 'NOT_LEAD_OFFICE', 'forbidden');
    expectRefusal(history, { type: 'AcknowledgeTask' }, leader(at), 'NOT_LEAD_OFFICE', 'forbidden');
    expectRefusal(history, { type: 'AcknowledgeTask' }, inspector(at), 'ROLE_NOT_ALLOWED', 'forbidden');
    expectRefusal([...history, cancelled], { type: 'AcknowledgeTask' }, officer(at), 'TASK_CANCELLED', 'conflict');
  });
});

describe('ReportProgress', () => {
  it('records the last progress', () => {
    const events = when(history, { type: 'ReportProgress', note: 'Đang dự thảo', percent: 40 }, officer(at));
    expect(events).toEqual([{ type: 'ProgressReported', data: { note: 'Đang dự thảo', percent: 40, at: iso } }]);
    expect(stateOf([...history, ...events])?.progress).toEqual({ note: 'Đang dự thảo', percent: 40, at: iso });
    expect(when(history, { type: 'ReportProgress', note: 'x' }, officer(at))[0].data).toEqual({ note: 'x', percent: null, at: iso });
  });

  it('refuses bad input, other offices, completed tasks', () => {
    expectRefusal(
      history,
      { type: 'ReportProgress', note: 'x', percent: 101 },
      officer(at),
      'PERCENT_OUT_OF_RANGE',
      'validation',
      'percent',
    );
    expectRefusal(history, { type: 'ReportProgress', note: '' }, officer(at), 'NOTE_REQUIRED', 'validation', 'note');
    expectRefusal(history, { type: 'ReportProgress', note: 'x' }, officer(at, 'SH-VP'), 'NOT_LEAD_OFFICE', 'forbidden');
    expectRefusal([...history, done], { type: 'ReportProgress', note: 'x' }, officer(at), 'TASK_ALREADY_COMPLETED', 'conflict');
  });
});

describe('ReassignTask', () => {
  it('moves the task to another lead office, which must acknowledge anew', () => {
    const acked: TaskEvent = { type: 'TaskAcknowledged', data: { office: 'SH-NV', at: iso } };
    const events = when([...history, acked], { type: 'ReassignTask', lead: 'SH-TP', reason: 'Đúng chức năng' }, leader(at));
    expect(events).toEqual([
      { type: 'TaskReassigned', data: { from: 'SH-NV', to: 'SH-TP', reason: 'Đúng chức năng', cause: 'reassigned', at: iso } },
    ]);
    const state = stateOf([...history, acked, ...events]);
    expect(state?.lead).toBe('SH-TP');
    expect(state?.acknowledgedAt).toBeNull();
    // The old office can no longer report.
    expectRefusal([...history, ...events], { type: 'ReportProgress', note: 'x' }, officer(at), 'NOT_LEAD_OFFICE', 'forbidden');
  });

  it('refuses the same office, a new office outside the subtree, officers, completed, cancelled', () => {
    expectRefusal(history, { type: 'ReassignTask', lead: 'SH-NV', reason: 'x' }, leader(at), 'SAME_LEAD_OFFICE', 'validation', 'lead');
    expectRefusal(history, { type: 'ReassignTask', lead: 'SNV-QNG', reason: 'x' }, leader(at), 'OUTSIDE_SUBTREE', 'forbidden');
    expectRefusal(history, { type: 'ReassignTask', lead: 'SH-TP', reason: '' }, leader(at), 'REASON_REQUIRED', 'validation', 'reason');
    expectRefusal(history, { type: 'ReassignTask', lead: 'SH-TP', reason: 'x' }, officer(at), 'ROLE_NOT_ALLOWED', 'forbidden');
    expectRefusal(
      [...history, done],
      { type: 'ReassignTask', lead: 'SH-TP', reason: 'x' },
      leader(at),
      'TASK_ALREADY_COMPLETED',
      'conflict',
    );
    expectRefusal([...history, cancelled], { type: 'ReassignTask', lead: 'SH-TP', reason: 'x' }, leader(at), 'TASK_CANCELLED', 'conflict');
  });
});

describe('MoveToSuccessor (office merge)', () => {
  it('moves an open task', () => {
    expect(when(history, { type: 'MoveToSuccessor', successor: 'SH-VP', reason: 'Sáp nhập' }, admin(at))).toEqual([
      { type: 'TaskReassigned', data: { from: 'SH-NV', to: 'SH-VP', reason: 'Sáp nhập', cause: 'officeMerged', at: iso } },
    ]);
  });

  it('refuses a completed or cancelled task and an inspector', () => {
    expectRefusal([...history, done], { type: 'MoveToSuccessor', successor: 'SH-VP', reason: 'x' }, admin(at), 'TASK_NOT_OPEN', 'conflict');
    expectRefusal(
      [...history, cancelled],
      { type: 'MoveToSuccessor', successor: 'SH-VP', reason: 'x' },
      admin(at),
      'TASK_CANCELLED',
      'conflict',
    );
    expectRefusal(history, { type: 'MoveToSuccessor', successor: 'SH-VP', reason: 'x' }, inspector(at), 'ROLE_NOT_ALLOWED', 'forbidden');
  });
});

describe('CancelTask and ReopenTask', () => {
  it('cancels with a reason; a cancelled task accepts nothing but reopening', () => {
    const events = when(history, { type: 'CancelTask', reason: 'Không còn phù hợp' }, leader(at));
    expect(events).toEqual([{ type: 'TaskCancelled', data: { reason: 'Không còn phù hợp', at: iso } }]);
    const state = stateOf([...history, ...events]);
    expect(state?.cancelled).toEqual({ at: iso, reason: 'Không còn phù hợp' });
    expectRefusal([...history, ...events], { type: 'CancelTask', reason: 'x' }, leader(at), 'TASK_CANCELLED', 'conflict');
    expectRefusal(
      [...history, ...events],
      { type: 'ChangeDeadline', dueOn: '2024-05-01', reason: 'x' },
      leader(at),
      'TASK_CANCELLED',
      'conflict',
    );
  });

  it('reopens a cancelled task', () => {
    const events = when([...history, cancelled], { type: 'ReopenTask', reason: 'Tiếp tục' }, leader(at));
    expect(events).toEqual([{ type: 'TaskReopened', data: { from: 'cancelled', occurrence: null, reason: 'Tiếp tục', at: iso } }]);
    expect(stateOf([...history, cancelled, ...events])?.cancelled).toBeNull();
  });

  it('reopens a completed task: its report no longer counts', () => {
    const events = when([...history, done], { type: 'ReopenTask', reason: 'Chưa đạt' }, leader(at));
    expect(events).toEqual([{ type: 'TaskReopened', data: { from: 'completed', occurrence: null, reason: 'Chưa đạt', at: iso } }]);
    expect(stateOf([...history, done, ...events])?.completion).toBeNull();
  });

  it('reopens the latest accepted occurrence of a recurring task', () => {
    const monthly = assigned({ deadline: { dueOn: '2024-12-31', phrase: null, recurrence: { every: 'month', until: '2024-12-31' } } });
    const jan: TaskEvent = { type: 'CompletionReported', data: { ...done.data, occurrence: '2024-01' } as never };
    const feb: TaskEvent = { type: 'CompletionReported', data: { ...done.data, occurrence: '2024-02' } as never };
    const events = when([monthly, jan, feb], { type: 'ReopenTask', reason: 'x' }, leader('2024-03-01T10:00:00+07:00'));
    expect(events[0].data).toMatchObject({ from: 'completed', occurrence: '2024-02' });
    expect(Object.keys(stateOf([monthly, jan, feb, ...events])?.occurrences ?? {})).toEqual(['2024-01']);
  });

  it('refuses an open task, an awaiting report, officers, no reason; cancel refuses a completed task', () => {
    expectRefusal(history, { type: 'ReopenTask', reason: 'x' }, leader(at), 'TASK_NOT_REOPENABLE', 'conflict');
    const awaiting: TaskEvent = { type: 'CompletionReported', data: { ...done.data, final: false } as never };
    expectRefusal([...history, awaiting], { type: 'ReopenTask', reason: 'x' }, leader(at), 'TASK_NOT_REOPENABLE', 'conflict');
    expectRefusal([...history, cancelled], { type: 'ReopenTask', reason: 'x' }, officer(at), 'ROLE_NOT_ALLOWED', 'forbidden');
    expectRefusal([...history, cancelled], { type: 'ReopenTask', reason: '' }, leader(at), 'REASON_REQUIRED', 'validation', 'reason');
    expectRefusal(
      [...history, cancelled],
      { type: 'ReopenTask', reason: 'x' },
      ctx('leader', 'SNV-QNG', at),
      'OUTSIDE_SUBTREE',
      'forbidden',
    );
    expectRefusal([...history, done], { type: 'CancelTask', reason: 'x' }, leader(at), 'TASK_ALREADY_COMPLETED', 'conflict');
    expectRefusal(history, { type: 'CancelTask', reason: 'x' }, inspector(at), 'ROLE_NOT_ALLOWED', 'forbidden');
  });
});
