import { TaskEvent } from './task.events';
import { admin, assigned, ctx, expectRefusal, inspector, leader, officer, stateOf, when } from './task.spec-helpers';

const history: TaskEvent[] = [assigned()];
const atReport = '2024-03-20T16:00:00+07:00';
const report = {
  type: 'ReportCompletion' as const,
  completedOn: '2024-03-18',
  note: 'Đã ban hành',
  evidence: [{ documentNumber: '117/BC-UBND' }, { url: 'https://sonha.example.vn/117', title: 'Báo cáo' }],
  achievedValue: 35,
};
const reported = (over: Partial<Extract<TaskEvent, { type: 'CompletionReported' }>['data']> = {}): TaskEvent => ({
  type: 'CompletionReported',
  data: {
    occurrence: null,
    completedOn: '2024-03-18',
    note: 'Đã ban hành',
    evidence: [{ documentNumber: '117/BC-UBND' }, { url: 'https://sonha.example.vn/117', title: 'Báo cáo' }],
    achievedValue: 35,
    at: '2024-03-20T09:00:00.000Z',
    final: false,
    ...over,
  },
});

describe('ReportCompletion', () => {
  it('records a report awaiting acceptance', () => {
    expect(when(history, report, officer(atReport))).toEqual([reported()]);
    expect(stateOf([...history, reported()])?.completion).toEqual({
      completedOn: '2024-03-18',
      note: 'Đã ban hành',
      evidence: [{ documentNumber: '117/BC-UBND' }, { url: 'https://sonha.example.vn/117', title: 'Báo cáo' }],
      achievedValue: 35,
      reportedAt: '2024-03-20T09:00:00.000Z',
      status: 'awaiting',
      acceptedAt: null,
    });
  });

  it('is final at once when the plan needs no acceptance', () => {
    const noAcceptance = [assigned({ requiresAcceptance: false })];
    const events = when(noAcceptance, report, officer(atReport));
    expect(events).toEqual([reported({ final: true })]);
    expect(stateOf([...noAcceptance, ...events])?.completion).toMatchObject({
      status: 'accepted',
      acceptedAt: '2024-03-20T09:00:00.000Z',
    });
  });

  it('defaults the date to the local date of occurredAt', () => {
    // 2024-03-20T18:00Z is already the 21st in Vietnam.
    const events = when(history, { type: 'ReportCompletion', note: 'x' }, officer('2024-03-20T18:00:00Z'));
    expect(events).toEqual([
      reported({ completedOn: '2024-03-21', note: 'x', evidence: [], achievedValue: null, at: '2024-03-20T18:00:00.000Z' }),
    ]);
  });

  it('accepts today and the assignment day', () => {
    expect(when(history, { ...report, completedOn: '2024-03-20' }, officer(atReport))).toHaveLength(1);
    expect(when(history, { ...report, completedOn: '2024-01-15' }, officer(atReport))).toHaveLength(1);
  });

  it('refuses a date after today', () => {
    expectRefusal(
      history,
      { ...report, completedOn: '2024-03-21' },
      officer(atReport),
      'COMPLETION_IN_FUTURE',
      'validation',
      'completedOn',
    );
  });

  it('refuses a date before the assignment', () => {
    expectRefusal(
      history,
      { ...report, completedOn: '2024-01-14' },
      officer(atReport),
      'COMPLETION_BEFORE_ASSIGNMENT',
      'validation',
      'completedOn',
    );
  });

  it.each([
    ['a leader of the office above', leader(atReport), 'NOT_LEAD_OFFICE'],
    ['an inspector', inspector(atReport), 'ROLE_NOT_ALLOWED'],
    ['an officer of a supporting office', officer(atReport, 'SH-VP'), 'NOT_LEAD_OFFICE'],
  ])('refuses %s', (_who, context, code) => {
    expectRefusal(history, report, context, code, 'forbidden');
  });

  it('lets an admin report (back-fill)', () => {
    expect(when(history, report, admin(atReport))).toEqual([reported()]);
  });

  it('refuses a second report while one awaits, and one on a completed task', () => {
    expectRefusal([...history, reported()], report, officer(atReport), 'COMPLETION_ALREADY_REPORTED', 'conflict');
    expectRefusal([...history, reported({ final: true })], report, officer(atReport), 'TASK_ALREADY_COMPLETED', 'conflict');
  });

  it('refuses bad input', () => {
    expectRefusal(history, { ...report, note: '' }, officer(atReport), 'NOTE_REQUIRED', 'validation', 'note');
    expectRefusal(history, { ...report, evidence: [{}] }, officer(atReport), 'INVALID_EVIDENCE', 'validation', 'evidence');
    expectRefusal(history, { ...report, achievedValue: NaN }, officer(atReport), 'INVALID_ACHIEVED_VALUE', 'validation', 'achievedValue');
    expectRefusal(
      history,
      { ...report, occurrence: '2024-03' },
      officer(atReport),
      'OCCURRENCE_NOT_APPLICABLE',
      'validation',
      'occurrence',
    );
  });

  it('refuses a cancelled task', () => {
    const cancelled: TaskEvent = { type: 'TaskCancelled', data: { reason: 'x', at: '2024-02-01T03:00:00.000Z' } };
    expectRefusal([...history, cancelled], report, officer(atReport), 'TASK_CANCELLED', 'conflict');
  });
});

describe('AcceptCompletion and ReturnCompletion', () => {
  const awaiting = [...history, reported()];
  const atReview = '2024-04-05T09:00:00+07:00';

  it('accepts, keeping the office’s completion date', () => {
    const events = when(awaiting, { type: 'AcceptCompletion', note: 'Đạt' }, leader(atReview));
    expect(events).toEqual([
      { type: 'CompletionAccepted', data: { occurrence: null, completedOn: '2024-03-18', note: 'Đạt', at: '2024-04-05T02:00:00.000Z' } },
    ]);
    expect(stateOf([...awaiting, ...events])?.completion).toMatchObject({
      completedOn: '2024-03-18',
      status: 'accepted',
      acceptedAt: '2024-04-05T02:00:00.000Z',
    });
  });

  it('returns with a reason: the task is open again', () => {
    const events = when(awaiting, { type: 'ReturnCompletion', reason: 'Thiếu minh chứng' }, leader(atReview));
    expect(events).toEqual([
      {
        type: 'CompletionReturned',
        data: { occurrence: null, completedOn: '2024-03-18', reason: 'Thiếu minh chứng', at: '2024-04-05T02:00:00.000Z' },
      },
    ]);
    const state = stateOf([...awaiting, ...events]);
    expect(state?.completion).toBeNull();
    // Marked returned (the work page's counter) until the office reports again.
    expect(state?.returned).toEqual({ occurrence: null, reason: 'Thiếu minh chứng', at: '2024-04-05T02:00:00.000Z' });
    const again = when([...awaiting, ...events], { ...report, completedOn: '2024-04-05' }, officer(atReview));
    expect(again).toHaveLength(1);
    expect(stateOf([...awaiting, ...events, ...again])?.returned).toBeNull();
  });

  it('refuses when nothing awaits', () => {
    expectRefusal(history, { type: 'AcceptCompletion' }, leader(atReview), 'NOT_AWAITING_ACCEPTANCE', 'conflict');
    expectRefusal(
      [...history, reported({ final: true })],
      { type: 'AcceptCompletion' },
      leader(atReview),
      'NOT_AWAITING_ACCEPTANCE',
      'conflict',
    );
    expectRefusal(history, { type: 'ReturnCompletion', reason: 'x' }, leader(atReview), 'NOT_AWAITING_ACCEPTANCE', 'conflict');
  });

  it('refuses officers, inspectors, other subtrees, and a return without reason', () => {
    expectRefusal(awaiting, { type: 'AcceptCompletion' }, officer(atReview), 'ROLE_NOT_ALLOWED', 'forbidden');
    expectRefusal(awaiting, { type: 'AcceptCompletion' }, inspector(atReview), 'ROLE_NOT_ALLOWED', 'forbidden');
    expectRefusal(awaiting, { type: 'AcceptCompletion' }, ctx('leader', 'SH-VP', atReview), 'OUTSIDE_SUBTREE', 'forbidden');
    expectRefusal(awaiting, { type: 'ReturnCompletion', reason: ' ' }, leader(atReview), 'REASON_REQUIRED', 'validation', 'reason');
  });
});

describe('recurring task completion', () => {
  const monthly = [
    assigned({
      deadline: { dueOn: '2024-12-31', phrase: 'Thường xuyên trong năm 2024', recurrence: { every: 'month', until: '2024-12-31' } },
    }),
  ];
  const atFeb = '2024-02-03T09:00:00+07:00';

  it('reports the earliest open occurrence by default', () => {
    const events = when(monthly, { type: 'ReportCompletion', completedOn: '2024-01-31', note: 'Tháng 1' }, officer(atFeb));
    expect(events[0].data).toMatchObject({ occurrence: '2024-01', completedOn: '2024-01-31', final: false });
    const state = stateOf([...monthly, ...events]);
    expect(state?.occurrences['2024-01']).toMatchObject({ status: 'awaiting' });
    expect(state?.completion).toBeNull();
    // The next default is February.
    const next = when([...monthly, ...events], { type: 'ReportCompletion', note: 'Tháng 2' }, officer(atFeb));
    expect(next[0].data).toMatchObject({ occurrence: '2024-02' });
  });

  it('reports, accepts and returns a named occurrence', () => {
    const r = when(monthly, { type: 'ReportCompletion', note: 'Tháng 3', occurrence: '2024-03' }, officer(atFeb));
    expect(r[0].data).toMatchObject({ occurrence: '2024-03' });
    const a = when([...monthly, ...r], { type: 'AcceptCompletion' }, leader(atFeb));
    expect(a[0].data).toMatchObject({ occurrence: '2024-03', completedOn: '2024-02-03' });
    const back = when([...monthly, ...r], { type: 'ReturnCompletion', reason: 'x', occurrence: '2024-03' }, leader(atFeb));
    expect(stateOf([...monthly, ...r, ...back])?.occurrences).toEqual({});
  });

  it('refuses an occurrence outside the series and a second report for one', () => {
    expectRefusal(
      monthly,
      { type: 'ReportCompletion', note: 'x', occurrence: '2025-01' },
      officer(atFeb),
      'UNKNOWN_OCCURRENCE',
      'validation',
      'occurrence',
    );
    const r = when(monthly, { type: 'ReportCompletion', note: 'x', occurrence: '2024-01' }, officer(atFeb));
    expectRefusal(
      [...monthly, ...r],
      { type: 'ReportCompletion', note: 'x', occurrence: '2024-01' },
      officer(atFeb),
      'COMPLETION_ALREADY_REPORTED',
      'conflict',
    );
    expectRefusal(
      [...monthly, ...r],
      { type: 'AcceptCompletion', occurrence: '2024-02' },
      leader(atFeb),
      'NOT_AWAITING_ACCEPTANCE',
      'conflict',
    );
  });

  it('is completed when every occurrence is accepted', () => {
    const quarterly = [
      assigned({
        requiresAcceptance: false,
        deadline: { dueOn: '2024-06-30', phrase: null, recurrence: { every: 'quarter', until: '2024-06-30' } },
      }),
    ];
    const at = '2024-06-30T09:00:00+07:00';
    const q1 = when(quarterly, { type: 'ReportCompletion', note: 'Q1' }, officer(at));
    const q2 = when([...quarterly, ...q1], { type: 'ReportCompletion', note: 'Q2' }, officer(at));
    expect([q1[0].data, q2[0].data]).toMatchObject([{ occurrence: '2024-Q1' }, { occurrence: '2024-Q2' }]);
    expectRefusal([...quarterly, ...q1, ...q2], { type: 'ReportCompletion', note: 'x' }, officer(at), 'TASK_ALREADY_COMPLETED', 'conflict');
  });
});
