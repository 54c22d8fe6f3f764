import { fold } from '../shared';
import { testContext } from '../office/office.testing';
import { TaskEvent } from '../task/task.events';
import { evolveTask } from '../task/task.evolve';
import { TaskState } from '../task/task.state';
import { FindingCommand, RecordFinding } from './finding.commands';
import { decideFinding } from './finding.decide';
import { FindingEvent } from './finding.events';
import { evolveFinding } from './finding.evolve';
import { findingDueAt, findingStatusAt } from './finding-status';
import { Finding, initialFindingState } from './finding.state';
import { AT, errorOf, inspector, leader, nvOfficer } from './inspection.spec-helpers';

const inspection: RecordFinding['data']['inspection'] = {
  id: 'i-1',
  inspectingOffice: 'SH-NV',
  offices: ['SH-VP', 'SH-X-SONHA'],
  status: 'planned',
  planId: 'p-1',
};
const recordCmd = (over: Partial<RecordFinding['data']> = {}): RecordFinding => ({
  type: 'RecordFinding',
  data: {
    findingId: 'f-1',
    inspection,
    office: 'SH-VP',
    criterion: '1.3',
    severity: 'major',
    description: 'Chưa niêm yết công khai thủ tục hành chính',
    requirement: 'Niêm yết đầy đủ tại Bộ phận một cửa',
    ...over,
  },
});
const recorded: FindingEvent = {
  type: 'FindingRecorded',
  data: {
    findingId: 'f-1',
    inspectionId: 'i-1',
    inspectingOffice: 'SH-NV',
    office: 'SH-VP',
    criterion: '1.3',
    severity: 'major',
    description: 'Chưa niêm yết công khai thủ tục hành chính',
    requirement: 'Niêm yết đầy đủ tại Bộ phận một cửa',
    planId: 'p-1',
    at: '2024-03-15T03:00:00.000Z',
  },
};
const at = (iso: string) => new Date(iso).toISOString();
const resolved: FindingEvent = {
  type: 'FindingResolved',
  data: { note: 'Đã niêm yết', evidence: [], resolvedOn: '2024-03-20', at: at('2024-03-20T09:00:00+07:00') },
};
const withdrawn: FindingEvent = { type: 'FindingWithdrawn', data: { reason: 'Ghi nhầm', at: at('2024-03-16T09:00:00+07:00') } };

const stateOf = (events: FindingEvent[]) => fold(evolveFinding, initialFindingState, events);
const given = (events: FindingEvent[], command: FindingCommand, ctx = nvOfficer()) => decideFinding(command, stateOf(events), ctx);
const resolve: FindingCommand = { type: 'ResolveFinding', data: { note: 'Đã niêm yết', evidence: [{ documentNumber: '20/BC-VP' }] } };
const reopen: FindingCommand = { type: 'ReopenFinding', data: { reason: 'Chưa đầy đủ' } };
const withdraw: FindingCommand = { type: 'WithdrawFinding', data: { reason: 'Ghi nhầm' } };
const raise: FindingCommand = { type: 'RaiseRemediation', data: { taskIds: ['t-1', 't-2'], planId: 'p-1', leads: ['SH-VP', 'SH-VP'] } };

describe('Finding', () => {
  describe('RecordFinding', () => {
    it('given an inspection, when its office records a finding, then FindingRecorded with the inspection’s plan', () => {
      expect(given([], recordCmd())).toEqual([recorded]);
      expect(stateOf([recorded])).toMatchObject({
        id: 'f-1',
        status: 'open',
        office: 'SH-VP',
        recordedAt: '2024-03-15T03:00:00.000Z',
        remediation: [],
      });
    });
    it('takes findings on a concluded inspection (written into the conclusion)', () => {
      expect(given([], recordCmd({ inspection: { ...inspection, status: 'concluded' } }), inspector())).toHaveLength(1);
    });
    it.each([
      [{ office: 'SH-TP' }, 'OFFICE_NOT_INSPECTED', 'office'],
      [{ severity: 'critical' }, 'INVALID_SEVERITY', 'severity'],
      [{ description: '' }, 'DESCRIPTION_REQUIRED', 'description'],
      [{ requirement: ' ' }, 'REQUIREMENT_REQUIRED', 'requirement'],
      [{ criterion: 'một' }, 'INVALID_CRITERION', 'criterion'],
    ])('refuses %j: %s', (over, code, field) => {
      expect(errorOf(() => given([], recordCmd(over as never)))).toEqual([code, 'validation', field]);
    });
    it('refuses on a cancelled inspection, and twice', () => {
      expect(errorOf(() => given([], recordCmd({ inspection: { ...inspection, status: 'cancelled' } })))?.[0]).toBe('INSPECTION_CANCELLED');
      expect(errorOf(() => given([recorded], recordCmd()))).toEqual(['FINDING_EXISTS', 'conflict', 'findingId']);
    });
    it('is not for the inspected office, another office, or another district', () => {
      expect(errorOf(() => given([], recordCmd(), testContext('officer', 'SH-VP', AT)))?.[0]).toBe('NOT_INSPECTING_OFFICE');
      expect(errorOf(() => given([], recordCmd(), testContext('inspector', 'UBND-BS', AT)))?.[0]).toBe('OUTSIDE_SUBTREE');
    });
  });

  describe('ResolveFinding', () => {
    it('resolves an open finding with a note and evidence, dated today', () => {
      const [event] = given([recorded], resolve, nvOfficer('2024-03-20T09:00:00+07:00'));
      expect(event).toEqual({
        type: 'FindingResolved',
        data: {
          note: 'Đã niêm yết',
          evidence: [{ documentNumber: '20/BC-VP' }],
          resolvedOn: '2024-03-20',
          at: at('2024-03-20T09:00:00+07:00'),
        },
      });
      expect(stateOf([recorded, event])?.status).toBe('resolved');
    });
    it('refuses twice, when withdrawn, without a note, with bad evidence, and for the inspected office', () => {
      expect(errorOf(() => given([recorded, resolved], resolve))).toEqual(['FINDING_ALREADY_RESOLVED', 'conflict', undefined]);
      expect(errorOf(() => given([recorded, withdrawn], resolve))).toEqual(['FINDING_WITHDRAWN', 'conflict', undefined]);
      expect(errorOf(() => given([recorded], { type: 'ResolveFinding', data: { note: '' } }))).toEqual([
        'NOTE_REQUIRED',
        'validation',
        'note',
      ]);
      expect(errorOf(() => given([recorded], { type: 'ResolveFinding', data: { note: 'x', evidence: [{}] } }))).toEqual([
        'INVALID_EVIDENCE',
        'validation',
        'evidence',
      ]);
      expect(errorOf(() => given([recorded], resolve, testContext('officer', 'SH-VP', AT)))?.[0]).toBe('NOT_INSPECTING_OFFICE');
      expect(errorOf(() => given([], resolve))).toEqual(['FINDING_NOT_FOUND', 'not_found', undefined]);
    });
  });

  describe('ReopenFinding', () => {
    it('reopens a resolved finding', () => {
      const events = given([recorded, resolved], reopen, nvOfficer('2024-03-25T09:00:00+07:00'));
      expect(events).toEqual([{ type: 'FindingReopened', data: { reason: 'Chưa đầy đủ', at: at('2024-03-25T09:00:00+07:00') } }]);
      expect(stateOf([recorded, resolved, ...events])).toMatchObject({ status: 'open', resolution: null });
    });
    it('refuses an open or withdrawn finding, and without a reason', () => {
      expect(errorOf(() => given([recorded], reopen))).toEqual(['FINDING_NOT_RESOLVED', 'conflict', undefined]);
      expect(errorOf(() => given([recorded, withdrawn], reopen))?.[0]).toBe('FINDING_WITHDRAWN');
      expect(errorOf(() => given([recorded, resolved], { type: 'ReopenFinding', data: { reason: '' } }))).toEqual([
        'REASON_REQUIRED',
        'validation',
        'reason',
      ]);
    });
  });

  describe('WithdrawFinding', () => {
    it('withdraws an open finding with a reason', () => {
      expect(given([recorded], withdraw, nvOfficer('2024-03-16T09:00:00+07:00'))).toEqual([withdrawn]);
      expect(stateOf([recorded, withdrawn])).toMatchObject({ status: 'withdrawn', withdrawnReason: 'Ghi nhầm' });
    });
    it('refuses twice, a resolved finding, and without a reason', () => {
      expect(errorOf(() => given([recorded, withdrawn], withdraw))?.[0]).toBe('FINDING_WITHDRAWN');
      expect(errorOf(() => given([recorded, resolved], withdraw))?.[0]).toBe('FINDING_ALREADY_RESOLVED');
      expect(errorOf(() => given([recorded], { type: 'WithdrawFinding', data: { reason: '' } }))).toEqual([
        'REASON_REQUIRED',
        'validation',
        'reason',
      ]);
    });
  });

  describe('RaiseRemediation', () => {
    it('links the tasks a leader assigns to the finding', () => {
      const events = given([recorded], raise, leader());
      expect(events).toEqual([{ type: 'RemediationRaised', data: { taskIds: ['t-1', 't-2'], planId: 'p-1', at: at(AT) } }]);
      expect(stateOf([recorded, ...events])?.remediation.map((r) => r.taskId)).toEqual(['t-1', 't-2']);
    });
    it('is for leaders over the finding’s office: not inspectors, nor the inspecting office', () => {
      expect(errorOf(() => given([recorded], raise, inspector()))?.[0]).toBe('ROLE_NOT_ALLOWED');
      expect(errorOf(() => given([recorded], raise, nvOfficer()))?.[0]).toBe('ROLE_NOT_ALLOWED');
      expect(errorOf(() => given([recorded], raise, testContext('leader', 'UBND-BS', AT)))?.[0]).toBe('OUTSIDE_SUBTREE');
    });
    it('refuses tasks led outside the inspected office: another office would remedy the finding by its own work', () => {
      const elsewhere: FindingCommand = {
        type: 'RaiseRemediation',
        data: { taskIds: ['t-1', 't-2'], planId: 'p-1', leads: ['SH-VP', 'SH-NV'] },
      };
      expect(errorOf(() => given([recorded], elsewhere, leader()))).toEqual(['REMEDIATION_OUTSIDE_FINDING', 'validation', 'lead']);
    });
    it('refuses a resolved or withdrawn finding, and no tasks', () => {
      expect(errorOf(() => given([recorded, resolved], raise, leader()))?.[0]).toBe('FINDING_ALREADY_RESOLVED');
      expect(errorOf(() => given([recorded, withdrawn], raise, leader()))?.[0]).toBe('FINDING_WITHDRAWN');
      expect(
        errorOf(() => given([recorded], { type: 'RaiseRemediation', data: { taskIds: [], planId: 'p-1', leads: [] } }, leader())),
      ).toEqual(['TASKS_REQUIRED', 'validation', 'lead']);
    });
  });
});

describe('a finding at T (findingStatusAt)', () => {
  const task = (id: string, dueOn: string, ...rest: TaskEvent[]): TaskState =>
    fold(evolveTask, null as TaskState | null, [
      {
        type: 'TaskAssigned',
        data: {
          taskId: id,
          planId: 'p-1',
          title: 'Khắc phục',
          description: null,
          lead: 'SH-VP',
          supporting: [],
          followUp: null,
          criterion: '1.3',
          expectedOutcome: null,
          target: null,
          parentTaskId: null,
          requiresAcceptance: true,
          assignedAt: at('2024-03-16T09:00:00+07:00'),
          assignedOn: '2024-03-16',
          deadline: { dueOn, phrase: null, recurrence: null },
          findingId: 'f-1',
        },
      },
      ...rest,
    ]) as TaskState;
  const done = (completedOn: string, acceptedAt: string): TaskEvent[] => [
    {
      type: 'CompletionReported',
      data: {
        occurrence: null,
        completedOn,
        note: 'Xong',
        evidence: [],
        achievedValue: null,
        at: at(`${completedOn}T09:00:00+07:00`),
        final: false,
      },
    },
    { type: 'CompletionAccepted', data: { occurrence: null, completedOn, note: null, at: at(acceptedAt) } },
  ];
  const raised: FindingEvent = {
    type: 'RemediationRaised',
    data: { taskIds: ['t-1', 't-2'], planId: 'p-1', at: at('2024-03-16T09:00:00+07:00') },
  };
  const finding = (...events: FindingEvent[]) => stateOf([recorded, ...events]) as Finding;
  const tasks = (...list: TaskState[]) => new Map(list.map((t) => [t.id, t]));
  const T = (iso: string) => new Date(iso);

  it('is not there before it was recorded, and open without remediation', () => {
    expect(findingStatusAt(finding(), tasks(), T('2024-03-14T09:00:00+07:00'))).toBeNull();
    expect(findingStatusAt(finding(), tasks(), T('2024-03-15T11:00:00+07:00'))).toEqual({ status: 'OPEN', dueOn: null, remediedOn: null });
  });
  it('is remedied on time when every task is done and accepted on time, on the latest completion', () => {
    const c = findingStatusAt(
      finding(raised),
      tasks(
        task('t-1', '2024-04-30', ...done('2024-04-10', '2024-04-12T09:00:00+07:00')),
        task('t-2', '2024-04-15', ...done('2024-04-15', '2024-04-20T09:00:00+07:00')),
      ),
      T('2024-05-01T09:00:00+07:00'),
    );
    expect(c).toEqual({ status: 'REMEDIED_ON_TIME', dueOn: '2024-04-30', remediedOn: '2024-04-15' });
  });
  it('is remedied late when one task was done late; open while one awaits acceptance', () => {
    const late = tasks(
      task('t-1', '2024-04-30', ...done('2024-04-10', '2024-04-12T09:00:00+07:00')),
      task('t-2', '2024-04-15', ...done('2024-04-18', '2024-04-20T09:00:00+07:00')),
    );
    expect(findingStatusAt(finding(raised), late, T('2024-05-01T09:00:00+07:00'))?.status).toBe('REMEDIED_LATE');
    // After t-2's deadline, before its completion date: the finding is overdue.
    expect(findingStatusAt(finding(raised), late, T('2024-04-17T09:00:00+07:00'))?.status).toBe('OVERDUE');
    const awaiting = tasks(
      task('t-1', '2024-04-30', ...done('2024-04-10', '2024-04-12T09:00:00+07:00')),
      task('t-2', '2024-04-30', done('2024-04-18', '2024-04-20T09:00:00+07:00')[0]),
    );
    expect(findingStatusAt(finding(raised), awaiting, T('2024-04-25T09:00:00+07:00'))?.status).toBe('OPEN');
  });
  it('is overdue when a task is overdue; a cancelled task does not count', () => {
    const cancelled: TaskEvent = { type: 'TaskCancelled', data: { reason: 'Trùng', at: at('2024-03-20T09:00:00+07:00') } };
    const c = findingStatusAt(
      finding(raised),
      tasks(task('t-1', '2024-04-30'), task('t-2', '2024-03-31', cancelled)),
      T('2024-05-02T09:00:00+07:00'),
    );
    expect(c).toEqual({ status: 'OVERDUE', dueOn: '2024-04-30', remediedOn: null });
    expect(findingDueAt(c!, T('2024-05-02T09:00:00+07:00'))).toBe(true);
  });
  it('follows its resolution, reopening and withdrawal as they stood at T', () => {
    const reopened: FindingEvent = { type: 'FindingReopened', data: { reason: 'x', at: at('2024-03-25T09:00:00+07:00') } };
    expect(findingStatusAt(finding(resolved), tasks(), T('2024-03-21T09:00:00+07:00'))?.status).toBe('REMEDIED_ON_TIME');
    expect(findingStatusAt(finding(resolved, reopened), tasks(), T('2024-03-26T09:00:00+07:00'))?.status).toBe('OPEN');
    expect(
      findingStatusAt(
        finding(raised, resolved),
        tasks(task('t-1', '2024-03-18'), task('t-2', '2024-03-18')),
        T('2024-03-21T09:00:00+07:00'),
      )?.status,
    ).toBe('REMEDIED_LATE');
    expect(findingStatusAt(finding(withdrawn), tasks(), T('2024-03-15T11:00:00+07:00'))?.status).toBe('OPEN');
    const w = findingStatusAt(finding(withdrawn), tasks(), T('2024-03-17T11:00:00+07:00'))!;
    expect([w.status, findingDueAt(w, T('2024-03-17T11:00:00+07:00'))]).toEqual(['WITHDRAWN', false]);
  });
});
