import { localDateOf } from '@dondoc/domain/shared';
import { TaskEvent, TaskState, taskItemsAt, taskStatusAt } from '@dondoc/domain/task';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { itemStatusSql, taskStatusSql } from '../tasks/task-status.sql';
import {
  accepted,
  assignedEvent,
  cancelled,
  granted,
  insertTasks,
  reported,
  returned,
  stateOf,
  testDataSource,
} from './report-support.testing';

let ds: DataSource;

beforeAll(async () => {
  ds = await testDataSource().initialize();
});
afterAll(() => ds.destroy());

const at = (s: string) => new Date(s);

describe('SQL status agrees with taskStatusAt (items and tasks)', () => {
  const planId = randomUUID();
  const base = (over: Parameters<typeof assignedEvent>[0] = {}) => assignedEvent({ planId, lead: 'STATUS', ...over });
  const recurring = base({
    deadline: { dueOn: '2024-04-30', phrase: 'Định kỳ hàng tháng', recurrence: { every: 'month', until: '2024-04-30' } },
  });
  const cases: [string, TaskEvent[]][] = [
    ['open', [base()]],
    ['final on the due day', [base(), reported('2024-03-31', true)]],
    ['final a day late', [base(), reported('2024-04-01', true)]],
    ['awaiting acceptance', [base(), reported('2024-03-20', false)]],
    [
      'accepted after the deadline, reported before',
      [base(), reported('2024-03-20', false), accepted('2024-03-20', '2024-04-05T03:00:00.000Z')],
    ],
    ['returned', [base(), reported('2024-03-20', false), returned('2024-03-20', '2024-03-25T03:00:00.000Z')]],
    ['cancelled on 1 Feb', [base(), cancelled('2024-01-31T17:00:00.000Z')]],
    ['no deadline', [base({ deadline: { dueOn: null, phrase: 'Theo Kế hoạch CCHC năm 2024', recurrence: null } })]],
    ['no deadline, done', [base({ deadline: { dueOn: null, phrase: null, recurrence: null } }), reported('2024-02-10', true)]],
    ['extended to 15 April', [base(), granted('2024-03-31', '2024-04-15')]],
    ['extended, done on the new day', [base(), granted('2024-03-31', '2024-04-15'), reported('2024-04-15', true)]],
    [
      'recurring monthly',
      [
        recurring,
        reported('2024-01-31', true, '2024-01'),
        reported('2024-03-02', true, '2024-02'),
        reported('2024-03-30', false, '2024-03'),
      ],
    ],
  ];
  const instants = [
    '2024-01-15T09:00:00+07:00',
    '2024-01-31T23:59:59.999+07:00',
    '2024-02-01T00:00:00.000+07:00',
    '2024-03-20T12:00:00+07:00',
    '2024-03-31T23:59:59.999+07:00',
    '2024-04-01T00:00:00.000+07:00',
    '2024-04-15T23:59:59.999+07:00',
    '2024-04-16T00:00:00.000+07:00',
    '2024-06-01T00:00:00+07:00',
  ];
  const states = new Map<string, { name: string; state: TaskState }>();

  beforeAll(async () => {
    for (const [name, events] of cases) {
      const state = stateOf(events);
      states.set(state.id, { name, state });
    }
    await insertTasks(
      ds,
      [...states.values()].map(({ state }) => ({ state, leadPath: '/STATUS/' })),
    );
  });

  it.each(instants)('at %s', async (instant) => {
    const T = at(instant);
    const items: { taskId: string; key: string; status: string }[] = await ds.query(
      `SELECT i.task_id AS "taskId", i.key, ${itemStatusSql('i', '$1::timestamptz', '$2::date')} AS status
         FROM rm_task_items i WHERE i.plan_id = $3 AND i.assigned_at <= $1`,
      [T, localDateOf(T), planId],
    );
    const tasks: { id: string; status: string }[] = await ds.query(
      `SELECT t.id, ${taskStatusSql('t', '$1::timestamptz', '$2::date')} AS status FROM rm_tasks t WHERE t.plan_id = $3 AND t.assigned_at <= $1`,
      [T, localDateOf(T), planId],
    );
    const sql = Object.fromEntries(items.map((i) => [`${states.get(i.taskId)!.name}/${i.key}`, i.status]));
    const domain = Object.fromEntries(
      [...states.values()].flatMap(({ name, state }) => taskItemsAt(state, T).map((i) => [`${name}/${i.key ?? ''}`, i.status])),
    );
    expect(sql).toEqual(domain);
    expect(Object.fromEntries(tasks.map((t) => [states.get(t.id)!.name, t.status]))).toEqual(
      Object.fromEntries([...states.values()].map(({ name, state }) => [name, taskStatusAt(state, T)])),
    );
  });

  it('puts the deadline boundary at the end of the local day, whatever the process zone', async () => {
    expect(process.env.TZ).toBe('UTC');
    const open = [...states.values()].find((s) => s.name === 'open')!.state;
    const status = async (instant: string) =>
      (
        (await ds.query(`SELECT ${itemStatusSql('i', '$1::timestamptz', '$2::date')} AS s FROM rm_task_items i WHERE i.task_id = $3`, [
          at(instant),
          localDateOf(at(instant)),
          open.id,
        ])) as { s: string }[]
      )[0].s;
    expect(await status('2024-03-31T23:59:59.999+07:00')).toBe('IN_PROGRESS');
    expect(await status('2024-04-01T00:00:00.000+07:00')).toBe('OVERDUE');
  });
});

/**
 * Offices /R/ (A, A1 under A, B); asOf 2024-04-10 (end of day):
 * A:  t1 done on time, t2 overdue, t3 cancelled, t4 extended to 30/4 (in progress)
 * A1: t5 awaiting acceptance (due 31/3), t6 no deadline
 * B:  t7 done late, t8 monthly Jan–Apr: Jan on time, Feb late, Mar overdue, Apr in progress
 */
