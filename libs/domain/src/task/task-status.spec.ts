import { execFileSync } from 'node:child_process';
import { TaskEvent } from './task.events';
import { daysOverdue, dueSoon, taskItemsAt, taskStatusAt, TaskStatus } from './task-status';
import { TaskState } from './task.state';
import { assigned, stateOf } from './task.spec-helpers';

const T = (iso: string) => new Date(iso);
const state = (...events: TaskEvent[]): TaskState => stateOf([assigned(), ...events]) as TaskState;
const reported = (completedOn: string, final: boolean, at = `${completedOn}T03:00:00.000Z`): TaskEvent => ({
  type: 'CompletionReported',
  data: { occurrence: null, completedOn, note: 'x', evidence: [], achievedValue: null, at, final },
});
const accepted = (completedOn: string, at: string): TaskEvent => ({
  type: 'CompletionAccepted',
  data: { occurrence: null, completedOn, note: null, at },
});
const returned = (completedOn: string, at: string): TaskEvent => ({
  type: 'CompletionReturned',
  data: { occurrence: null, completedOn, reason: 'x', at },
});
const granted = (dueOn: string): TaskEvent => ({
  type: 'ExtensionGranted',
  data: { requestId: 'e1', previousDueOn: '2024-03-31', dueOn, note: null, at: '2024-03-10T03:00:00.000Z' },
});

// Due 2024-03-31 (assigned 2024-01-15, acceptance required).
describe('taskStatusAt: boundaries of the due day (Asia/Ho_Chi_Minh)', () => {
  const open = state();
  it.each<[string, TaskStatus]>([
    ['2024-03-31T23:59:59.999+07:00', 'IN_PROGRESS'],
    ['2024-03-31T16:59:59.999Z', 'IN_PROGRESS'],
    ['2024-04-01T00:00:00.000+07:00', 'OVERDUE'],
    ['2024-03-31T17:00:00.000Z', 'OVERDUE'],
    ['2024-01-15T09:00:00+07:00', 'IN_PROGRESS'],
  ])('open at %s → %s', (at, status) => {
    expect(taskStatusAt(open, T(at))).toBe(status);
  });

  it('does not depend on process.env.TZ', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      expect(taskStatusAt(open, T('2024-03-31T23:59:59.999+07:00'))).toBe('IN_PROGRESS');
      expect(taskStatusAt(open, T('2024-04-01T00:00:00+07:00'))).toBe('OVERDUE');
      expect(daysOverdue(open, T('2024-04-01T00:00:00+07:00'))).toBe(1);
      const late = state(reported('2024-04-01', true));
      expect(taskStatusAt(late, T('2024-04-02T00:00:00+07:00'))).toBe('DONE_LATE');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  // Jest's sandbox does not pass a changed TZ to V8, so prove it in a real process in New York time.
  it('gives the same answers in a process running in America/New_York', () => {
    const script = `
      const { fold } = require(${JSON.stringify(require.resolve('../shared'))});
      const { evolveTask } = require(${JSON.stringify(require.resolve('./task.evolve'))});
      const { taskStatusAt, daysOverdue } = require(${JSON.stringify(require.resolve('./task-status'))});
      const s = fold(evolveTask, null, [${JSON.stringify(assigned())}]);
      console.log(JSON.stringify([
        new Date(2024, 0, 1).getTimezoneOffset(),
        taskStatusAt(s, new Date('2024-03-31T23:59:59.999+07:00')),
        taskStatusAt(s, new Date('2024-04-01T00:00:00+07:00')),
        daysOverdue(s, new Date('2024-04-01T00:00:00+07:00')),
      ]));`;
    const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
      env: { ...process.env, TZ: 'America/New_York' },
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual([300, 'IN_PROGRESS', 'OVERDUE', 1]);
  }, 30000);
});

describe('taskStatusAt: completion', () => {
  it.each<[string, TaskEvent[], string, TaskStatus]>([
    [
      'accepted on the due day',
      [reported('2024-03-31', false), accepted('2024-03-31', '2024-04-20T03:00:00.000Z')],
      '2024-05-01T00:00:00+07:00',
      'DONE_ON_TIME',
    ],
    [
      'accepted, done the next day',
      [reported('2024-04-01', false), accepted('2024-04-01', '2024-04-02T03:00:00.000Z')],
      '2024-05-01T00:00:00+07:00',
      'DONE_LATE',
    ],
    ['done early', [reported('2024-02-01', true)], '2024-05-01T00:00:00+07:00', 'DONE_ON_TIME'],
    ['final without acceptance, late', [reported('2024-04-03', true)], '2024-05-01T00:00:00+07:00', 'DONE_LATE'],
    ['awaiting acceptance, before D', [reported('2024-03-20', false)], '2024-03-25T00:00:00+07:00', 'AWAITING_ACCEPTANCE'],
    ['awaiting acceptance, after D', [reported('2024-03-20', false)], '2024-05-25T00:00:00+07:00', 'AWAITING_ACCEPTANCE'],
    // Everything known now: a report dated the 20th counts at the 25th even if accepted later.
    [
      'accepted later, asked at C',
      [reported('2024-03-20', false), accepted('2024-03-20', '2024-04-10T03:00:00.000Z')],
      '2024-03-20T08:00:00+07:00',
      'DONE_ON_TIME',
    ],
    ['completion after T does not count (in time)', [reported('2024-03-20', true)], '2024-03-19T23:59:59.999+07:00', 'IN_PROGRESS'],
    ['completion after T does not count (late)', [reported('2024-04-05', true)], '2024-04-04T12:00:00+07:00', 'OVERDUE'],
    [
      'returned report does not count',
      [reported('2024-03-20', false), returned('2024-03-20', '2024-03-22T03:00:00.000Z')],
      '2024-04-02T00:00:00+07:00',
      'OVERDUE',
    ],
    [
      'returned then reported again late',
      [
        reported('2024-03-20', false),
        returned('2024-03-20', '2024-03-22T03:00:00.000Z'),
        reported('2024-04-02', false),
        accepted('2024-04-02', '2024-04-03T03:00:00.000Z'),
      ],
      '2024-04-05T00:00:00+07:00',
      'DONE_LATE',
    ],
    ['extension granted: in time until the new day ends', [granted('2024-04-30')], '2024-04-30T23:59:59.999+07:00', 'IN_PROGRESS'],
    ['extension granted: overdue after', [granted('2024-04-30')], '2024-05-01T00:00:00+07:00', 'OVERDUE'],
    [
      'extension granted: done within the new deadline',
      [granted('2024-04-30'), reported('2024-04-15', true)],
      '2024-06-01T00:00:00+07:00',
      'DONE_ON_TIME',
    ],
    [
      'deadline changed earlier',
      [
        {
          type: 'DeadlineChanged',
          data: { previousDueOn: '2024-03-31', dueOn: '2024-02-29', reason: 'x', at: '2024-02-01T03:00:00.000Z' },
        },
      ],
      '2024-03-01T00:00:00+07:00',
      'OVERDUE',
    ],
  ])('%s', (_case, events, at, status) => {
    expect(taskStatusAt(state(...events), T(at))).toBe(status);
  });
});

describe('taskStatusAt: cancellation and no deadline', () => {
  const cancelled: TaskEvent = { type: 'TaskCancelled', data: { reason: 'x', at: '2024-02-10T03:00:00.000Z' } };
  it('is CANCELLED from the cancellation on, not before', () => {
    expect(taskStatusAt(state(cancelled), T('2024-02-10T03:00:00.000Z'))).toBe('CANCELLED');
    expect(taskStatusAt(state(cancelled), T('2024-05-10T00:00:00Z'))).toBe('CANCELLED');
    expect(taskStatusAt(state(cancelled), T('2024-02-10T02:59:59.999Z'))).toBe('IN_PROGRESS');
  });

  it('is open again once reopened', () => {
    const reopened: TaskEvent = {
      type: 'TaskReopened',
      data: { from: 'cancelled', occurrence: null, reason: 'x', at: '2024-02-20T03:00:00.000Z' },
    };
    expect(taskStatusAt(state(cancelled, reopened), T('2024-04-10T00:00:00Z'))).toBe('OVERDUE');
  });

  it('is NO_DEADLINE, never overdue, and done when completed', () => {
    const none = stateOf([assigned({ deadline: { dueOn: null, phrase: 'Theo Kế hoạch CCHC năm 2024', recurrence: null } })]) as TaskState;
    expect(taskStatusAt(none, T('2030-01-01T00:00:00Z'))).toBe('NO_DEADLINE');
    expect(daysOverdue(none, T('2030-01-01T00:00:00Z'))).toBe(0);
    expect(dueSoon(none, T('2030-01-01T00:00:00Z'))).toBe(false);
    const done = stateOf([
      assigned({ deadline: { dueOn: null, phrase: null, recurrence: null } }),
      reported('2024-06-01', true),
    ]) as TaskState;
    expect(taskStatusAt(done, T('2024-06-02T00:00:00Z'))).toBe('DONE_ON_TIME');
    expect(taskStatusAt(done, T('2024-05-31T00:00:00Z'))).toBe('NO_DEADLINE');
  });
});

describe('dueSoon and daysOverdue', () => {
  const open = state();
  it.each<[string, number, boolean]>([
    ['2024-03-24T08:00:00+07:00', 7, true],
    ['2024-03-23T23:59:59.999+07:00', 7, false],
    ['2024-03-31T23:59:59.999+07:00', 7, true],
    ['2024-04-01T00:00:00+07:00', 7, false],
    ['2024-03-28T08:00:00+07:00', 3, true],
    ['2024-03-27T08:00:00+07:00', 3, false],
    ['2024-03-30T08:00:00+07:00', 1, true],
  ])('at %s within %i days → %s', (at, days, expected) => {
    expect(dueSoon(open, T(at), days)).toBe(expected);
  });

  it('is not due soon once completed or awaiting', () => {
    expect(dueSoon(state(reported('2024-03-25', false)), T('2024-03-26T08:00:00+07:00'))).toBe(false);
  });

  it.each<[string, number]>([
    ['2024-03-31T23:59:59.999+07:00', 0],
    ['2024-04-01T00:00:00+07:00', 1],
    ['2024-04-10T12:00:00+07:00', 10],
  ])('days overdue at %s → %i', (at, days) => {
    expect(daysOverdue(open, T(at))).toBe(days);
  });
});

describe('recurring occurrences', () => {
  const monthly = (...events: TaskEvent[]) =>
    stateOf([
      assigned({
        deadline: { dueOn: '2024-12-31', phrase: 'Thường xuyên trong năm 2024', recurrence: { every: 'month', until: '2024-12-31' } },
      }),
      ...events,
    ]) as TaskState;
  const occ = (key: string, completedOn: string, final = true): TaskEvent => ({
    type: 'CompletionReported',
    data: { occurrence: key, completedOn, note: 'x', evidence: [], achievedValue: null, at: `${completedOn}T03:00:00.000Z`, final },
  });

  it('assigned 2024-01-15 monthly until 2024-12-31: 12 occurrences at each month end', () => {
    const items = taskItemsAt(monthly(), T('2024-01-20T00:00:00Z'));
    expect(items.map((i) => [i.key, i.dueOn])).toEqual([
      ['2024-01', '2024-01-31'],
      ['2024-02', '2024-02-29'],
      ['2024-03', '2024-03-31'],
      ['2024-04', '2024-04-30'],
      ['2024-05', '2024-05-31'],
      ['2024-06', '2024-06-30'],
      ['2024-07', '2024-07-31'],
      ['2024-08', '2024-08-31'],
      ['2024-09', '2024-09-30'],
      ['2024-10', '2024-10-31'],
      ['2024-11', '2024-11-30'],
      ['2024-12', '2024-12-31'],
    ]);
    expect(items.every((i) => i.status === 'IN_PROGRESS')).toBe(true);
  });

  it('classifies each occurrence on its own', () => {
    const s = monthly(occ('2024-01', '2024-01-31'), occ('2024-02', '2024-03-01'), occ('2024-03', '2024-03-28', false));
    const items = taskItemsAt(s, T('2024-05-01T00:00:00+07:00'));
    expect(items.slice(0, 5).map((i) => [i.key, i.status, i.completedOn])).toEqual([
      ['2024-01', 'DONE_ON_TIME', '2024-01-31'],
      ['2024-02', 'DONE_LATE', '2024-03-01'],
      ['2024-03', 'AWAITING_ACCEPTANCE', '2024-03-28'],
      ['2024-04', 'OVERDUE', null],
      ['2024-05', 'IN_PROGRESS', null],
    ]);
    // The task's own status: the earliest occurrence not done.
    expect(taskStatusAt(s, T('2024-05-01T00:00:00+07:00'))).toBe('AWAITING_ACCEPTANCE');
    expect(daysOverdue(s, T('2024-05-01T00:00:00+07:00'))).toBe(1);
  });

  it('is DONE_ON_TIME when all were on time, else DONE_LATE', () => {
    const months = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];
    const onTime = months.map((m) => occ(`2024-${m}`, `2024-${m}-20`));
    const end = T('2025-01-10T00:00:00Z');
    expect(taskStatusAt(monthly(...onTime), end)).toBe('DONE_ON_TIME');
    const oneLate = [...onTime.slice(0, 11), occ('2024-12', '2025-01-02')];
    expect(taskStatusAt(monthly(...oneLate), end)).toBe('DONE_LATE');
  });

  it('cancels every occurrence', () => {
    const s = monthly({ type: 'TaskCancelled', data: { reason: 'x', at: '2024-03-01T00:00:00.000Z' } });
    expect(taskItemsAt(s, T('2024-04-01T00:00:00Z')).every((i) => i.status === 'CANCELLED')).toBe(true);
    expect(taskStatusAt(s, T('2024-04-01T00:00:00Z'))).toBe('CANCELLED');
  });

  it('gives a one-off task exactly one item', () => {
    expect(taskItemsAt(state(), T('2024-04-01T00:00:00+07:00'))).toEqual([
      { key: null, dueOn: '2024-03-31', status: 'OVERDUE', completedOn: null },
    ]);
  });
});
