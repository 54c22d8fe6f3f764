import { TaskEvent } from './task.events';
import { admin, assigned, expectRefusal, inspector, leader, officer, stateOf, when, ctx } from './task.spec-helpers';

// Assigned 2024-01-15, due 2024-03-31.
const history: TaskEvent[] = [assigned()];
const request = { type: 'RequestExtension' as const, requestId: 'ext-1', dueOn: '2024-04-30', reason: 'Chờ số liệu' };
const requested: TaskEvent = {
  type: 'ExtensionRequested',
  data: {
    requestId: 'ext-1',
    currentDueOn: '2024-03-31',
    dueOn: '2024-04-30',
    phrase: null,
    reason: 'Chờ số liệu',
    at: '2024-03-01T03:00:00.000Z',
  },
};
const atRequest = '2024-03-01T10:00:00+07:00';

describe('RequestExtension', () => {
  it('records the request', () => {
    expect(when(history, request, officer(atRequest))).toEqual([requested]);
  });

  it('reads a phrase and keeps it', () => {
    const events = when(
      history,
      { type: 'RequestExtension', requestId: 'ext-1', phrase: 'Quý II năm 2024', reason: 'x' },
      officer(atRequest),
    );
    expect(events[0].data).toMatchObject({ dueOn: '2024-06-30', phrase: 'Quý II năm 2024' });
  });

  it('is still possible at 23:59:59.999 +07:00 on the due day', () => {
    expect(when(history, request, officer('2024-03-31T23:59:59.999+07:00'))).toHaveLength(1);
  });

  it('is EXTENSION_AFTER_DEADLINE from 00:00 +07:00 the next day', () => {
    expectRefusal(history, request, officer('2024-04-01T00:00:00+07:00'), 'EXTENSION_AFTER_DEADLINE', 'conflict');
  });

  it('counts from the effective deadline after a grant', () => {
    const granted: TaskEvent = {
      type: 'ExtensionGranted',
      data: { requestId: 'ext-1', previousDueOn: '2024-03-31', dueOn: '2024-04-30', note: null, at: '2024-03-02T03:00:00.000Z' },
    };
    const cmd = { ...request, requestId: 'ext-2', dueOn: '2024-05-31' };
    expect(when([...history, requested, granted], cmd, officer('2024-04-15T10:00:00+07:00'))).toHaveLength(1);
  });

  it.each([
    ['a leader of the office above', leader(atRequest), 'NOT_LEAD_OFFICE'],
    ['an inspector', inspector(atRequest), 'ROLE_NOT_ALLOWED'],
    ['an officer of another office', officer(atRequest, 'SH-TP'), 'NOT_LEAD_OFFICE'],
  ])('refuses %s', (_who, context, code) => {
    expectRefusal(history, request, context, code, 'forbidden');
  });

  it('lets an admin ask', () => {
    expect(when(history, request, admin(atRequest))).toEqual([requested]);
  });

  it('refuses a date not after the current deadline', () => {
    expectRefusal(history, { ...request, dueOn: '2024-03-31' }, officer(atRequest), 'EXTENSION_NOT_LATER', 'validation', 'dueOn');
  });

  it('refuses a second pending request', () => {
    expectRefusal([...history, requested], { ...request, requestId: 'ext-2' }, officer(atRequest), 'EXTENSION_ALREADY_PENDING', 'conflict');
  });

  it('refuses a reused request id', () => {
    expectRefusal([...history, requested], request, officer(atRequest), 'EXTENSION_REQUEST_EXISTS', 'conflict');
  });

  it('refuses a blank reason', () => {
    expectRefusal(history, { ...request, reason: ' ' }, officer(atRequest), 'REASON_REQUIRED', 'validation', 'reason');
  });

  it('refuses neither date nor phrase, and both', () => {
    expectRefusal(history, { ...request, dueOn: undefined }, officer(atRequest), 'DUE_ON_REQUIRED', 'validation', 'dueOn');
    expectRefusal(history, { ...request, phrase: 'Quý II năm 2024' }, officer(atRequest), 'DEADLINE_AMBIGUOUS', 'validation');
  });

  it('refuses an unreadable phrase and one without a date', () => {
    const cmd = { ...request, dueOn: undefined, phrase: 'sớm nhất có thể' };
    expectRefusal(history, cmd, officer(atRequest), 'DEADLINE_PHRASE_UNREADABLE', 'validation', 'deadlinePhrase');
    expectRefusal(history, { ...cmd, phrase: 'Theo Kế hoạch CCHC năm 2024' }, officer(atRequest), 'DEADLINE_NOT_A_DATE', 'validation');
  });

  it('refuses a task without deadline', () => {
    expectRefusal(
      [assigned({ deadline: { dueOn: null, phrase: null, recurrence: null } })],
      request,
      officer(atRequest),
      'TASK_HAS_NO_DEADLINE',
      'conflict',
    );
  });

  it('refuses a completed task', () => {
    const done: TaskEvent = {
      type: 'CompletionReported',
      data: {
        occurrence: null,
        completedOn: '2024-02-20',
        note: 'x',
        evidence: [],
        achievedValue: null,
        at: '2024-02-20T03:00:00.000Z',
        final: true,
      },
    };
    expectRefusal([...history, done], request, officer(atRequest), 'TASK_ALREADY_COMPLETED', 'conflict');
  });

  it('refuses a cancelled task', () => {
    const cancelled: TaskEvent = { type: 'TaskCancelled', data: { reason: 'x', at: '2024-02-01T03:00:00.000Z' } };
    expectRefusal([...history, cancelled], request, officer(atRequest), 'TASK_CANCELLED', 'conflict');
  });

  it('evolves into a pending request', () => {
    expect(stateOf([...history, requested])?.extensions).toEqual([
      {
        requestId: 'ext-1',
        requestedDueOn: '2024-04-30',
        phrase: null,
        reason: 'Chờ số liệu',
        requestedAt: '2024-03-01T03:00:00.000Z',
        status: 'pending',
        grantedDueOn: null,
        decidedAt: null,
        note: null,
      },
    ]);
  });
});

describe('GrantExtension', () => {
  const atGrant = '2024-03-05T08:00:00+07:00';
  const withRequest = [...history, requested];

  it('grants the requested date by default', () => {
    expect(when(withRequest, { type: 'GrantExtension', requestId: 'ext-1', note: 'Đồng ý' }, leader(atGrant))).toEqual([
      {
        type: 'ExtensionGranted',
        data: { requestId: 'ext-1', previousDueOn: '2024-03-31', dueOn: '2024-04-30', note: 'Đồng ý', at: '2024-03-05T01:00:00.000Z' },
      },
    ]);
  });

  it('grants another date; the original stays visible', () => {
    const events = when(withRequest, { type: 'GrantExtension', requestId: 'ext-1', dueOn: '2024-04-15' }, leader(atGrant));
    expect(events[0].data).toMatchObject({ dueOn: '2024-04-15', note: null });
    const state = stateOf([...withRequest, ...events]);
    expect(state?.deadline).toEqual({ originalDueOn: '2024-03-31', dueOn: '2024-04-15', phrase: null, recurrence: null });
    expect(state?.extensions[0]).toMatchObject({ status: 'granted', grantedDueOn: '2024-04-15', decidedAt: '2024-03-05T01:00:00.000Z' });
  });

  it('may be granted after the deadline passed', () => {
    expect(when(withRequest, { type: 'GrantExtension', requestId: 'ext-1' }, leader('2024-04-10T08:00:00+07:00'))).toHaveLength(1);
  });

  it.each([
    ['an officer', officer(atGrant), 'ROLE_NOT_ALLOWED'],
    ['an inspector', inspector(atGrant), 'ROLE_NOT_ALLOWED'],
    ['a leader of another subtree', ctx('leader', 'SNV-QNG', atGrant), 'OUTSIDE_SUBTREE'],
  ])('refuses %s', (_who, context, code) => {
    expectRefusal(withRequest, { type: 'GrantExtension', requestId: 'ext-1' }, context, code, 'forbidden');
  });

  it('refuses an unknown request', () => {
    expectRefusal(withRequest, { type: 'GrantExtension', requestId: 'nope' }, leader(atGrant), 'EXTENSION_REQUEST_NOT_FOUND', 'not_found');
  });

  it('refuses a decided request', () => {
    const denied: TaskEvent = { type: 'ExtensionDenied', data: { requestId: 'ext-1', reason: 'Không', at: '2024-03-04T01:00:00.000Z' } };
    expectRefusal(
      [...withRequest, denied],
      { type: 'GrantExtension', requestId: 'ext-1' },
      leader(atGrant),
      'EXTENSION_NOT_PENDING',
      'conflict',
    );
  });

  it('refuses a date not after the current deadline', () => {
    expectRefusal(
      withRequest,
      { type: 'GrantExtension', requestId: 'ext-1', dueOn: '2024-03-30' },
      leader(atGrant),
      'EXTENSION_NOT_LATER',
      'validation',
      'dueOn',
    );
  });

  it('refuses when the deadline already moved past the requested date', () => {
    const changed: TaskEvent = {
      type: 'DeadlineChanged',
      data: { previousDueOn: '2024-03-31', dueOn: '2024-05-31', reason: 'x', at: '2024-03-02T01:00:00.000Z' },
    };
    expectRefusal(
      [...withRequest, changed],
      { type: 'GrantExtension', requestId: 'ext-1' },
      leader(atGrant),
      'EXTENSION_NOT_LATER',
      'conflict',
    );
  });
});

describe('DenyExtension', () => {
  const withRequest = [...history, requested];
  const atDeny = '2024-03-05T08:00:00+07:00';

  it('denies with a reason; the deadline stays', () => {
    const events = when(withRequest, { type: 'DenyExtension', requestId: 'ext-1', reason: 'Không có căn cứ' }, leader(atDeny));
    expect(events).toEqual([
      { type: 'ExtensionDenied', data: { requestId: 'ext-1', reason: 'Không có căn cứ', at: '2024-03-05T01:00:00.000Z' } },
    ]);
    const state = stateOf([...withRequest, ...events]);
    expect(state?.deadline.dueOn).toBe('2024-03-31');
    expect(state?.extensions[0]).toMatchObject({ status: 'denied', note: 'Không có căn cứ', grantedDueOn: null });
  });

  it('refuses without reason, by an officer, or an unknown request', () => {
    expectRefusal(
      withRequest,
      { type: 'DenyExtension', requestId: 'ext-1', reason: '' },
      leader(atDeny),
      'REASON_REQUIRED',
      'validation',
      'reason',
    );
    expectRefusal(
      withRequest,
      { type: 'DenyExtension', requestId: 'ext-1', reason: 'x' },
      officer(atDeny),
      'ROLE_NOT_ALLOWED',
      'forbidden',
    );
    expectRefusal(
      withRequest,
      { type: 'DenyExtension', requestId: 'x', reason: 'x' },
      leader(atDeny),
      'EXTENSION_REQUEST_NOT_FOUND',
      'not_found',
    );
  });
});

describe('ChangeDeadline', () => {
  const atChange = '2024-04-10T08:00:00+07:00';

  it('changes the deadline after it passed, keeping the original', () => {
    const events = when(history, { type: 'ChangeDeadline', dueOn: '2024-05-15', reason: 'Điều chỉnh kế hoạch' }, leader(atChange));
    expect(events).toEqual([
      {
        type: 'DeadlineChanged',
        data: { previousDueOn: '2024-03-31', dueOn: '2024-05-15', reason: 'Điều chỉnh kế hoạch', at: '2024-04-10T01:00:00.000Z' },
      },
    ]);
    expect(stateOf([...history, ...events])?.deadline).toEqual({
      originalDueOn: '2024-03-31',
      dueOn: '2024-05-15',
      phrase: null,
      recurrence: null,
    });
  });

  it('gives a deadline to a task that had none', () => {
    const none = [assigned({ deadline: { dueOn: null, phrase: 'Theo Kế hoạch CCHC năm 2024', recurrence: null } })];
    const events = when(none, { type: 'ChangeDeadline', dueOn: '2024-06-30', reason: 'x' }, leader(atChange));
    expect(events[0].data).toMatchObject({ previousDueOn: null, dueOn: '2024-06-30' });
    expect(stateOf([...none, ...events])?.deadline).toEqual({
      originalDueOn: null,
      dueOn: '2024-06-30',
      phrase: 'Theo Kế hoạch CCHC năm 2024',
      recurrence: null,
    });
  });

  it('moves the end of a recurring series', () => {
    const recurring = [assigned({ deadline: { dueOn: '2024-12-31', phrase: null, recurrence: { every: 'month', until: '2024-12-31' } } })];
    const events = when(recurring, { type: 'ChangeDeadline', dueOn: '2024-06-30', reason: 'x' }, leader(atChange));
    expect(stateOf([...recurring, ...events])?.deadline.recurrence).toEqual({ every: 'month', until: '2024-06-30' });
  });

  it('refuses without reason, before the assignment, unchanged, by an officer', () => {
    expectRefusal(
      history,
      { type: 'ChangeDeadline', dueOn: '2024-05-15', reason: '' },
      leader(atChange),
      'REASON_REQUIRED',
      'validation',
      'reason',
    );
    expectRefusal(
      history,
      { type: 'ChangeDeadline', dueOn: '2024-01-14', reason: 'x' },
      leader(atChange),
      'DEADLINE_BEFORE_ASSIGNMENT',
      'validation',
      'dueOn',
    );
    expectRefusal(
      history,
      { type: 'ChangeDeadline', dueOn: '2024-03-31', reason: 'x' },
      leader(atChange),
      'DEADLINE_UNCHANGED',
      'validation',
      'dueOn',
    );
    expectRefusal(
      history,
      { type: 'ChangeDeadline', dueOn: '2024-05-15', reason: 'x' },
      officer(atChange),
      'ROLE_NOT_ALLOWED',
      'forbidden',
    );
    expectRefusal(history, { type: 'ChangeDeadline', dueOn: 'soon', reason: 'x' }, leader(atChange), 'INVALID_DATE', 'validation', 'dueOn');
  });
});
