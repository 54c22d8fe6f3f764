import { parseInstantOrDate } from '@dondoc/domain/shared';
import { TaskEvent } from '@dondoc/domain/task';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ReportQuery } from './report.query';
import { ReadSide } from '../projection/read-side';
import {
  assignedEvent,
  cancelled,
  freshCode,
  granted,
  insertOffice,
  insertTasks,
  reported,
  stateOf,
  testDataSource,
} from './report-support.testing';

let ds: DataSource;
let reports: ReportQuery;

beforeAll(async () => {
  ds = await testDataSource().initialize();
  reports = new ReportQuery(ReadSide.primaryOnly(ds));
});
afterAll(() => ds.destroy());

const at = (s: string) => new Date(s);

describe('completion and overdue reports', () => {
  const R = freshCode('R');
  const [A, A1, B] = [freshCode('A'), freshCode('A1'), freshCode('B')];
  const paths = { [A]: `/${R}/${A}/`, [A1]: `/${R}/${A}/${A1}/`, [B]: `/${R}/${B}/` };
  const planId = randomUUID();
  const directiveId = randomUUID();
  const asOf = parseInstantOrDate('2024-04-10', 'asOf');
  const task = (lead: string, title: string, criterion: string | null, ...rest: TaskEvent[]) =>
    stateOf([assignedEvent({ planId, lead, title, criterion }), ...rest]);
  const t8 = stateOf([
    assignedEvent({
      planId,
      lead: B,
      title: 'Báo cáo định kỳ hàng tháng',
      criterion: '1.2',
      deadline: { dueOn: '2024-04-30', phrase: null, recurrence: { every: 'month', until: '2024-04-30' } },
    }),
    reported('2024-01-31', true, '2024-01'),
    reported('2024-03-02', true, '2024-02'),
  ]);
  const tasks = {
    t1: task(A, 'Ban hành kế hoạch', '1.3.2', reported('2024-03-30', true)),
    t2: task(A, 'Rà soát thủ tục', '1.1'),
    t3: task(A, 'Nhiệm vụ đã hủy', null, cancelled('2024-02-01T03:00:00.000Z')),
    t4: task(A, 'Số hóa hồ sơ', '7.3.3.2', granted('2024-03-31', '2024-04-30')),
    t5: task(A1, 'Cập nhật cổng dịch vụ công', '7.1', reported('2024-03-29', false)),
    t6: stateOf([
      assignedEvent({
        planId,
        lead: A1,
        title: 'Tuyên truyền',
        criterion: null,
        deadline: { dueOn: null, phrase: null, recurrence: null },
      }),
    ]),
    t7: task(B, 'Kiểm tra công vụ', '2.1', reported('2024-04-02', true)),
    t8,
  };

  beforeAll(async () => {
    await insertOffice(ds, A, 'Phòng A', paths[A]);
    await insertOffice(ds, A1, 'Tổ A1', paths[A1]);
    await insertOffice(ds, B, 'Phòng B', paths[B]);
    await ds.query(
      `INSERT INTO rm_directives (id, number, kind, issued_on, issuer, title, state, version) VALUES ($1, '57/QĐ-UBND', 'Quyết định', '2024-01-02', $2, 'QĐ', '{}', 1)`,
      [directiveId, R],
    );
    await ds.query(
      `INSERT INTO rm_plans (id, directive_id, issuer, title, period_from, period_to, requires_acceptance, state, version)
       VALUES ($1, $2, $3, 'Kế hoạch CCHC 2024', '2024-01-01', '2024-12-31', true, '{}', 1)`,
      [planId, directiveId, R],
    );
    await insertTasks(
      ds,
      Object.values(tasks).map((state) => ({ state, leadPath: paths[state.lead] })),
    );
  });

  const scope = { leadPath: `/${R}/` };

  it('groups by office with counts and rates', async () => {
    const report = await reports.completion(scope, { asOf, groupBy: 'office', rounding: 'halfUp' });
    expect(report.asOf).toBe('2024-04-10T16:59:59.999Z');
    expect(report.groups.map((g) => [g.key, g.label])).toEqual([
      [A, 'Phòng A'],
      [B, 'Phòng B'],
      [A1, 'Tổ A1'],
    ]);
    const [a, b, a1] = report.groups;
    expect(a).toMatchObject({
      assigned: 3,
      due: 2,
      doneOnTime: 1,
      doneLate: 0,
      inProgress: 1,
      overdue: 1,
      awaitingAcceptance: 0,
      cancelled: 1,
      noDeadline: 0,
      extended: 1,
    });
    expect(a.completionRate).toEqual({ numerator: 1, denominator: 3, percent: '33.33' });
    expect(a.onTimeRate).toEqual({ numerator: 1, denominator: 2, percent: '50.00' });
    expect(a.overdueRate).toEqual({ numerator: 1, denominator: 2, percent: '50.00' });
    expect(a1).toMatchObject({ assigned: 2, due: 1, awaitingAcceptance: 1, noDeadline: 1 });
    expect(a1.completionRate).toEqual({ numerator: 0, denominator: 2, percent: '0.00' });
    expect(b).toMatchObject({ assigned: 5, due: 4, doneOnTime: 1, doneLate: 2, overdue: 1, inProgress: 1 });
    expect(b.completionRate.percent).toBe('60.00');
    expect(b.onTimeRate).toEqual({ numerator: 1, denominator: 4, percent: '25.00' });
    expect(report.total).toMatchObject({
      assigned: 10,
      due: 7,
      doneOnTime: 2,
      doneLate: 2,
      overdue: 2,
      inProgress: 2,
      awaitingAcceptance: 1,
      cancelled: 1,
      noDeadline: 1,
      extended: 1,
    });
    expect(report.total.completionRate).toEqual({ numerator: 4, denominator: 10, percent: '40.00' });
    expect(report.total.onTimeRate).toEqual({ numerator: 2, denominator: 7, percent: '28.57' });
  });

  it('filters an office subtree, a plan, a directive', async () => {
    const subtree = await reports.completion({ leadPath: paths[A] }, { asOf, groupBy: 'office', rounding: 'halfUp' });
    expect(subtree.groups.map((g) => g.key)).toEqual([A, A1]);
    expect(subtree.total.assigned).toBe(5);
    const exact = await reports.completion({ leadPath: paths[A], lead: A }, { asOf, groupBy: 'office', rounding: 'halfUp' });
    expect(exact.groups.map((g) => g.key)).toEqual([A]);
    const byDirective = await reports.completion({ leadPath: null, directiveId }, { asOf, groupBy: 'plan', rounding: 'halfUp' });
    expect(byDirective.groups).toHaveLength(1);
    expect(byDirective.groups[0]).toMatchObject({ key: planId, label: 'Kế hoạch CCHC 2024', assigned: 10 });
    const none = await reports.completion({ leadPath: null, directiveId: randomUUID() }, { asOf, groupBy: 'plan', rounding: 'halfUp' });
    expect(none.groups).toEqual([]);
    expect(none.total).toMatchObject({ assigned: 0, completionRate: { numerator: 0, denominator: 0, percent: null } });
  });

  it('groups by criterion and area in natural order, the ungrouped last', async () => {
    const byCriterion = await reports.completion({ ...scope, planId }, { asOf, groupBy: 'criterion', rounding: 'halfUp' });
    expect(byCriterion.groups.map((g) => g.key)).toEqual(['1.1', '1.2', '1.3.2', '2.1', '7.1', '7.3.3.2', null]);
    expect(byCriterion.groups.find((g) => g.key === '1.2')).toMatchObject({ label: '1.2', assigned: 4, due: 3 });
    const byArea = await reports.completion(scope, { asOf, groupBy: 'area', rounding: 'halfUp' });
    expect(byArea.groups.map((g) => [g.key, g.assigned])).toEqual([
      ['1', 6],
      ['2', 1],
      ['7', 2],
      [null, 1],
    ]);
  });

  it('selects by period: deadline in it, or assigned in it without a deadline', async () => {
    const march = await reports.completion(
      { ...scope, period: { from: '2024-03-01', to: '2024-03-31' } },
      { asOf, groupBy: 'office', rounding: 'halfUp' },
    );
    // t1, t2, t3 (cancelled), t5, t7, t8's March occurrence
    expect(march.total).toMatchObject({ assigned: 5, cancelled: 1, doneOnTime: 1, doneLate: 1, overdue: 2, awaitingAcceptance: 1 });
    const january = await reports.completion(
      { ...scope, period: { from: '2024-01-01', to: '2024-01-31' } },
      { asOf, groupBy: 'office', rounding: 'halfUp' },
    );
    // t6 (no deadline, assigned 15/1) and t8's January occurrence
    expect(january.total).toMatchObject({ assigned: 2, noDeadline: 1, doneOnTime: 1 });
    const open = await reports.completion(
      { ...scope, period: { from: null, to: '2024-02-29' } },
      { asOf, groupBy: 'office', rounding: 'halfUp' },
    );
    expect(open.total).toMatchObject({ assigned: 3 });
  });

  it('classifies as of the given instant', async () => {
    const before = await reports.completion(scope, {
      asOf: parseInstantOrDate('2024-03-31', 'asOf'),
      groupBy: 'office',
      rounding: 'halfUp',
    });
    expect(before.total).toMatchObject({ overdue: 0, doneLate: 1, inProgress: 5 }); // t2, t4, t7, t8 March and April still in time
    const after = await reports.completion(scope, { asOf: at('2024-04-01T00:00:00+07:00'), groupBy: 'office', rounding: 'halfUp' });
    expect(after.total).toMatchObject({ overdue: 3, awaitingAcceptance: 1 }); // t2, t7 (completed only on 2/4), t8 March
  });

  it('lists overdue items, most overdue first, each occurrence apart', async () => {
    const report = await reports.overdue(scope, asOf);
    expect(report.asOf).toBe(asOf.toISOString());
    expect(report.items).toEqual([
      {
        taskId: tasks.t8.id,
        occurrence: '2024-03',
        title: 'Báo cáo định kỳ hàng tháng',
        lead: B,
        leadName: 'Phòng B',
        plan: { id: planId, title: 'Kế hoạch CCHC 2024' },
        directiveNumber: '57/QĐ-UBND',
        criterion: '1.2',
        dueOn: '2024-03-31',
        daysOverdue: 10,
      },
      expect.objectContaining({
        taskId: tasks.t2.id,
        occurrence: null,
        title: 'Rà soát thủ tục',
        lead: A,
        dueOn: '2024-03-31',
        daysOverdue: 10,
      }),
    ]);
    const later = await reports.overdue({ leadPath: paths[A], planId }, parseInstantOrDate('2024-05-02', 'asOf'));
    // t4 (extended to 30/4) is now 2 days overdue, t2 32 days
    expect(later.items.map((i) => [i.taskId, i.daysOverdue])).toEqual([
      [tasks.t2.id, 32],
      [tasks.t4.id, 2],
    ]);
    expect((await reports.overdue({ leadPath: paths[A1] }, asOf)).items).toEqual([]);
  });
});

describe('golden ratios through the completion report (seed 001)', () => {
  const office = freshCode('G');
  const path = `/${office}/`;

  it('45 tasks with a deadline, 44 on time, 1 late: on-time 97.78 half-up, 97.77 truncated', async () => {
    const planId = randomUUID();
    const states = Array.from({ length: 45 }, (_, n) =>
      stateOf([assignedEvent({ planId, lead: office, title: `Nhiệm vụ ${n + 1}` }), reported(n === 0 ? '2024-04-02' : '2024-03-15', true)]),
    );
    await insertTasks(
      ds,
      states.map((state) => ({ state, leadPath: path })),
    );
    const asOf = parseInstantOrDate('2023-06-14', 'asOf');
    const later = parseInstantOrDate('2024-06-14', 'asOf');
    const halfUp = await reports.completion({ leadPath: path, planId }, { asOf: later, groupBy: 'plan', rounding: 'halfUp' });
    expect(halfUp.total.onTimeRate).toEqual({ numerator: 44, denominator: 45, percent: '97.78' });
    expect(halfUp.total.completionRate).toEqual({ numerator: 45, denominator: 45, percent: '100.00' });
    expect(halfUp.groups[0].onTimeRate.percent).toBe('97.78');
    const truncate = await reports.completion({ leadPath: path, planId }, { asOf: later, groupBy: 'plan', rounding: 'truncate' });
    expect(truncate.total.onTimeRate.percent).toBe('97.77');
    // late: 1/45 = 2.22 either way
    expect(truncate.total.doneLate).toBe(1);
    // before the assignment nothing counts
    expect((await reports.completion({ leadPath: path, planId }, { asOf, groupBy: 'plan', rounding: 'halfUp' })).total.assigned).toBe(0);
  });

  it('16 of 60 tasks completed: 26.67 half-up, 26.66 truncated', async () => {
    const planId = randomUUID();
    const states = Array.from({ length: 60 }, (_, n) => {
      const events: TaskEvent[] = [
        assignedEvent({
          planId,
          lead: office,
          title: `Hoạt động ${n + 1}`,
          deadline: { dueOn: '2024-12-31', phrase: 'Trong năm 2024', recurrence: null },
        }),
      ];
      if (n < 16) events.push(reported('2024-05-20', true));
      return stateOf(events);
    });
    await insertTasks(
      ds,
      states.map((state) => ({ state, leadPath: path })),
    );
    const asOf = parseInstantOrDate('2024-06-14', 'asOf');
    const halfUp = await reports.completion({ leadPath: path, planId }, { asOf, groupBy: 'office', rounding: 'halfUp' });
    expect(halfUp.total.completionRate).toEqual({ numerator: 16, denominator: 60, percent: '26.67' });
    expect(halfUp.total.due).toBe(16);
    expect(halfUp.total.onTimeRate).toEqual({ numerator: 16, denominator: 16, percent: '100.00' });
    const truncate = await reports.completion({ leadPath: path, planId }, { asOf, groupBy: 'office', rounding: 'truncate' });
    expect(truncate.total.completionRate.percent).toBe('26.66');
    expect(truncate.groups[0]).toMatchObject({ key: office, label: office });
  });
});
