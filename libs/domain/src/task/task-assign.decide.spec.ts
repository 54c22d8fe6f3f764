import type { TaskAssigned } from './task.events';
import { AT_ASSIGN, assignCommand, assigned, ctx, expectRefusal, stateOf, when } from './task.spec-helpers';
import { TASK_EVENT_TYPES } from './task.events';
import { initialTaskState } from './task.state';
import { taskDecider } from './task.decide';

const leaderAtAssign = ctx('leader', 'UBND-SH', AT_ASSIGN);

describe('AssignTask', () => {
  it('records everything with the resolved deadline', () => {
    const events = when(
      [],
      assignCommand({
        description: '  Mô tả  ',
        supporting: ['SH-VP', 'SH-TP', 'SH-VP'],
        followUp: 'SH-VP',
        criterion: '1.3.2',
        expectedOutcome: 'Kế hoạch kiểm tra được ban hành',
        target: { name: 'Tỷ lệ được kiểm tra', unit: 'percent', comparator: 'atLeast', value: 30, strict: true },
        parentTaskId: 'task-0',
        requiresAcceptance: false,
      }),
      leaderAtAssign,
    );
    expect(events).toEqual([
      assigned({
        description: 'Mô tả',
        supporting: ['SH-VP', 'SH-TP'],
        followUp: 'SH-VP',
        criterion: '1.3.2',
        expectedOutcome: 'Kế hoạch kiểm tra được ban hành',
        target: { name: 'Tỷ lệ được kiểm tra', unit: 'percent', comparator: 'atLeast', value: 30, strict: true },
        parentTaskId: 'task-0',
        requiresAcceptance: false,
      }),
    ]);
  });

  it('builds the state from TaskAssigned', () => {
    expect(stateOf([assigned()])).toEqual({
      id: 'task-1',
      planId: 'plan-1',
      title: 'Tham mưu Kế hoạch kiểm tra',
      description: null,
      lead: 'SH-NV',
      supporting: [],
      followUp: null,
      criterion: null,
      expectedOutcome: null,
      target: null,
      parentTaskId: null,
      requiresAcceptance: true,
      assignedAt: '2024-01-15T02:00:00.000Z',
      assignedOn: '2024-01-15',
      deadline: { originalDueOn: '2024-03-31', dueOn: '2024-03-31', phrase: null, recurrence: null },
      extensions: [],
      acknowledgedAt: null,
      progress: null,
      completion: null,
      occurrences: {},
      cancelled: null,
    });
  });

  it('takes the local date of occurredAt as assignedOn (23:30 UTC is the next day in Vietnam)', () => {
    const [e] = when([], assignCommand(), ctx('leader', 'UBND-SH', '2024-01-14T23:30:00Z'));
    expect(e.data).toMatchObject({ assignedAt: '2024-01-14T23:30:00.000Z', assignedOn: '2024-01-15' });
  });

  it.each([
    ['Trước Quý II năm 2024', { dueOn: '2024-03-31', phrase: 'Trước Quý II năm 2024', recurrence: null }],
    ['Trong Quý II 2024', { dueOn: '2024-06-30', phrase: 'Trong Quý II 2024', recurrence: null }],
    // No cadence: one task due at the end (DOMAIN.md).
    ['Thường xuyên trong năm 2024', { dueOn: '2024-12-31', phrase: 'Thường xuyên trong năm 2024', recurrence: null }],
    ['Theo Kế hoạch CCHC năm 2024', { dueOn: null, phrase: 'Theo Kế hoạch CCHC năm 2024', recurrence: null }],
  ])('resolves the phrase "%s"', (deadlinePhrase, deadline) => {
    const [e] = when([], assignCommand({ dueOn: undefined, deadlinePhrase }), leaderAtAssign);
    expect(e).toEqual(assigned({ deadline }));
  });

  it('takes a cadence with the end from the phrase', () => {
    const [e] = when(
      [],
      assignCommand({ dueOn: undefined, deadlinePhrase: 'Thường xuyên trong năm 2024', recurrence: { every: 'month' } }),
      leaderAtAssign,
    );
    expect(e).toEqual(
      assigned({
        deadline: {
          dueOn: '2024-12-31',
          phrase: 'Thường xuyên trong năm 2024',
          recurrence: { every: 'month', until: '2024-12-31' },
        },
      }),
    );
  });

  it.each([
    // The plan's end (planEnd) closes duties the phrase leaves open.
    ['Hằng quý', { dueOn: '2025-12-31', phrase: 'Hằng quý', recurrence: { every: 'quarter', until: '2025-12-31' } }],
    ['Thường xuyên', { dueOn: '2025-12-31', phrase: 'Thường xuyên', recurrence: null }],
    [
      'Tháng 6 hằng năm',
      { dueOn: '2025-12-31', phrase: 'Tháng 6 hằng năm', recurrence: { every: 'year', until: '2025-12-31', on: '06-30' } },
    ],
    [
      'Năm 2024 và các năm tiếp theo',
      {
        dueOn: '2025-12-31',
        phrase: 'Năm 2024 và các năm tiếp theo',
        recurrence: { every: 'year', until: '2025-12-31', from: '2024-12-31', on: '12-31' },
      },
    ],
    ['Sau khi có hướng dẫn của Bộ', { dueOn: null, phrase: 'Sau khi có hướng dẫn của Bộ', recurrence: null }],
  ] as [string, TaskAssigned['data']['deadline']][])('reads "%s" with the plan\'s end', (deadlinePhrase, deadline) => {
    const [e] = when([], assignCommand({ dueOn: undefined, deadlinePhrase, planEnd: '2025-12-31' }), leaderAtAssign);
    expect(e).toEqual(assigned({ deadline }));
  });

  it('counts "kể từ ngày ký" from the plan\'s signing (planSignedOn), not from the assignment', () => {
    const [e] = when(
      [],
      assignCommand({
        dueOn: undefined,
        deadlinePhrase: 'Trong 15 ngày kể từ ngày ký',
        planSignedOn: '2024-01-10',
        acceptPastDeadline: true,
      }),
      leaderAtAssign,
    );
    expect((e.data as TaskAssigned['data']).deadline).toEqual({
      dueOn: '2024-01-25',
      phrase: 'Trong 15 ngày kể từ ngày ký',
      recurrence: null,
    });
  });

  it("refuses an ongoing duty when the plan's end is not known", () => {
    expectRefusal(
      [],
      assignCommand({ dueOn: undefined, deadlinePhrase: 'Hằng quý' }),
      leaderAtAssign,
      'RECURRENCE_UNTIL_REQUIRED',
      'validation',
    );
  });

  it('takes a recurrence with its own until', () => {
    const [e] = when([], assignCommand({ dueOn: undefined, recurrence: { every: 'quarter', until: '2024-12-31' } }), leaderAtAssign);
    expect(e).toEqual(assigned({ deadline: { dueOn: '2024-12-31', phrase: null, recurrence: { every: 'quarter', until: '2024-12-31' } } }));
  });

  it('records no deadline when none is given', () => {
    const [e] = when([], assignCommand({ dueOn: undefined }), leaderAtAssign);
    expect(e).toEqual(assigned({ deadline: { dueOn: null, phrase: null, recurrence: null } }));
  });

  it('lets an admin assign anywhere', () => {
    expect(when([], assignCommand({ lead: 'SH-TP' }), ctx('admin', 'UBND-QNG', AT_ASSIGN))).toHaveLength(1);
  });

  describe('refuses', () => {
    it.each([
      ['an officer', ctx('officer', 'SH-NV', AT_ASSIGN), 'ROLE_NOT_ALLOWED'],
      ['an inspector', ctx('inspector', 'UBND-QNG', AT_ASSIGN), 'ROLE_NOT_ALLOWED'],
      ['a leader outside the subtree', ctx('leader', 'SNV-QNG', AT_ASSIGN), 'OUTSIDE_SUBTREE'],
    ])('%s', (_who, context, code) => {
      expectRefusal([], assignCommand(), context, code, 'forbidden');
    });

    it('a task assigned twice', () => {
      expectRefusal([assigned()], assignCommand(), leaderAtAssign, 'TASK_ALREADY_ASSIGNED', 'conflict');
    });

    it('a deadline before the assignment date', () => {
      expectRefusal([], assignCommand({ dueOn: '2024-01-14' }), leaderAtAssign, 'DEADLINE_BEFORE_ASSIGNMENT', 'validation', 'dueOn');
    });

    it('a phrase whose date is before the assignment', () => {
      expectRefusal(
        [],
        assignCommand({ dueOn: undefined, deadlinePhrase: 'trước ngày 15/01/2024' }),
        leaderAtAssign,
        'DEADLINE_BEFORE_ASSIGNMENT',
        'validation',
        'deadlinePhrase',
      );
    });

    it('accepts a deadline on the assignment day itself', () => {
      expect(when([], assignCommand({ dueOn: '2024-01-15' }), leaderAtAssign)).toHaveLength(1);
    });

    it('an unreadable phrase, quoting it', () => {
      expect(() => when([], assignCommand({ dueOn: undefined, deadlinePhrase: 'sớm nhất có thể' }), leaderAtAssign)).toThrow(
        'cannot read the deadline "sớm nhất có thể"',
      );
      expectRefusal(
        [],
        assignCommand({ dueOn: undefined, deadlinePhrase: 'sớm nhất có thể' }),
        leaderAtAssign,
        'DEADLINE_PHRASE_UNREADABLE',
        'validation',
        'deadlinePhrase',
      );
    });

    it('both a date and a phrase', () => {
      expectRefusal([], assignCommand({ deadlinePhrase: 'Quý II năm 2024' }), leaderAtAssign, 'DEADLINE_AMBIGUOUS', 'validation');
    });

    it('a recurrence without an end', () => {
      expectRefusal(
        [],
        assignCommand({ dueOn: undefined, recurrence: { every: 'month' } }),
        leaderAtAssign,
        'RECURRENCE_UNTIL_REQUIRED',
        'validation',
        'recurrence.until',
      );
    });

    it('an unknown cadence', () => {
      expectRefusal(
        [],
        assignCommand({ dueOn: undefined, recurrence: { every: 'week' as 'month', until: '2024-12-31' } }),
        leaderAtAssign,
        'INVALID_RECURRENCE',
        'validation',
      );
    });

    it('a malformed date', () => {
      expectRefusal([], assignCommand({ dueOn: '2024-02-30' }), leaderAtAssign, 'INVALID_DATE', 'validation', 'dueOn');
    });

    it('a blank title', () => {
      expectRefusal([], assignCommand({ title: '  ' }), leaderAtAssign, 'TITLE_REQUIRED', 'validation', 'title');
    });

    it('a target without a value', () => {
      expectRefusal(
        [],
        assignCommand({ target: { name: 'x', unit: 'percent', comparator: 'atLeast' } }),
        leaderAtAssign,
        'INVALID_TARGET',
        'validation',
      );
    });
  });

  it('exposes the decider and the stored event types', () => {
    expect(taskDecider.initialState).toBeNull();
    expect(initialTaskState).toBeNull();
    expect(taskDecider.evolve(null, assigned())).toEqual(stateOf([assigned()]));
    expect(TASK_EVENT_TYPES).toEqual([
      'TaskAssigned',
      'TaskAcknowledged',
      'ProgressReported',
      'ExtensionRequested',
      'ExtensionGranted',
      'ExtensionDenied',
      'DeadlineChanged',
      'CompletionReported',
      'CompletionAccepted',
      'CompletionReturned',
      'TaskReassigned',
      'TaskCancelled',
      'TaskReopened',
    ]);
  });
});

describe('commands on a task that does not exist', () => {
  it('are TASK_NOT_FOUND', () => {
    expectRefusal([], { type: 'AcknowledgeTask' }, leaderAtAssign, 'TASK_NOT_FOUND', 'not_found');
  });
});

describe('a remediation task (issue 20)', () => {
  it('carries the finding it remedies; other tasks have no findingId at all', () => {
    const [event] = when([], assignCommand({ findingId: 'f-1' }), leaderAtAssign);
    expect(event.data).toEqual({ ...assigned().data, findingId: 'f-1' });
    expect(stateOf([event])?.findingId).toBe('f-1');
    expect('findingId' in when([], assignCommand(), leaderAtAssign)[0].data).toBe(false);
  });
});
