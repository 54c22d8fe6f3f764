import { parseInstantOrDate } from '@dondoc/domain/shared';
import { TaskEvent } from '@dondoc/domain/task';
import { PostgresEventStore } from '@dondoc/event-store/postgres';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { DirectiveProjector } from '../directives/directive.projector';
import { IndexFrameworkProjector } from '../index-frameworks/index-framework.projector';
import { OfficeProjector } from '../offices/office.projector';
import { PlanProjector } from '../plans/plan.projector';
import { Projection } from '../projection/projection';
import { TaskProjector } from '../tasks/task.projector';
import { GROUP_BYS } from './report-model';
import { ReportQuery } from './report.query';
import { ReadSide } from '../projection/read-side';
import { ReportReplay, replayCompletion, replayOverdue } from './report-replay';
import { accepted, assignedEvent, cancelled, freshCode, granted, reported, testDataSource } from './report-support.testing';

/**
 * The replay path (events known at `knownAt`, folded in memory) must say what the read models
 * say when everything is known, and what they said at `knownAt` otherwise.
 */
let ds: DataSource;
let pool: Pool;
let clock = new Date('2024-01-10T02:00:00.000Z');
let store: PostgresEventStore;
const projections: Projection[] = [
  new OfficeProjector(),
  new DirectiveProjector(),
  new PlanProjector(),
  new TaskProjector(),
  new IndexFrameworkProjector(),
];

beforeAll(async () => {
  ds = await testDataSource().initialize();
  pool = new Pool({ connectionString: process.env.DONDOC_TEST_DATABASE_URL, max: 4 });
  store = new PostgresEventStore(pool, { now: () => clock });
});
afterAll(async () => {
  await store.close();
  await pool.end().catch(() => undefined);
  await ds.destroy();
});

const actor = { userId: 'u-replay', role: 'admin', office: 'ROOT' };
/** Appends at `recordedAt` and projects what was appended, as the projector would. */
async function write(streamId: string, recordedAt: string, ...events: { type: string; data: unknown }[]): Promise<void> {
  clock = new Date(recordedAt);
  const before = (await store.readStream(streamId)).length;
  await store.append(
    streamId,
    events.map((e) => ({
      eventId: randomUUID(),
      type: e.type,
      data: e.data,
      metadata: { actor, correlationId: randomUUID() },
      occurredAt: clock,
    })),
    'any',
  );
  const recorded = await store.readStream(streamId, { fromVersion: before + 1 });
  await ds.transaction(async (tx) => {
    for (const p of projections) await p.apply(recorded, tx);
  });
}

describe('replay at knownAt vs the read models', () => {
  const [R, A, B] = [freshCode('RR'), freshCode('RA'), freshCode('RB')];
  const planId = randomUUID();
  const directiveId = randomUUID();
  const ids = { t1: randomUUID(), t2: randomUUID(), t3: randomUUID(), t4: randomUUID(), t5: randomUUID() };
  const task = (id: string, recordedAt: string, ...events: TaskEvent[]) => write(`task-${id}`, recordedAt, ...events);
  const midway = new Date('2024-03-01T00:00:00.000Z');
  const asOf = parseInstantOrDate('2024-04-10', 'asOf');
  let reports: ReportQuery;
  let replay: ReportReplay;

  beforeAll(async () => {
    reports = new ReportQuery(ReadSide.primaryOnly(ds));
    replay = new ReportReplay(store);
    const office = (code: string, name: string, parent: string | null) => ({
      type: 'OfficeRegistered',
      data: { code, name, parent, level: null, email: null },
    });
    await write(`office-${R}`, '2024-01-02T02:00:00.000Z', office(R, 'UBND huyện', null));
    await write(`office-${A}`, '2024-01-02T02:00:00.000Z', office(A, 'Phòng Nội vụ', R));
    await write(`office-${B}`, '2024-01-02T02:00:00.000Z', office(B, 'Văn phòng', R));
    await write(`directive-${directiveId}`, '2024-01-03T02:00:00.000Z', {
      type: 'DirectiveIssued',
      data: { id: directiveId, number: '12/KH-UBND', kind: 'Kế hoạch', issuedOn: '2024-01-03', issuer: R, title: 'KH CCHC', basis: [] },
    });
    await write(`plan-${planId}`, '2024-01-04T02:00:00.000Z', {
      type: 'PlanAdopted',
      data: {
        id: planId,
        code: null,
        directiveId,
        issuer: R,
        title: 'Kế hoạch CCHC 2024',
        period: { from: '2024-01-01', to: '2024-12-31' },
        requiresAcceptance: true,
        followUp: null,
      },
    });
    const assign = (
      taskId: string,
      lead: string,
      title: string,
      criterion: string | null,
      dueOn: string | null,
      recurrence: { every: 'month'; until: string } | null = null,
    ) => assignedEvent({ taskId, planId, lead, title, criterion, deadline: { dueOn, phrase: null, recurrence } });
    await task(ids.t1, '2024-01-15T02:00:00.000Z', assign(ids.t1, A, 'Ban hành kế hoạch', '1.1', '2024-02-15'));
    await task(ids.t2, '2024-01-15T02:00:00.000Z', assign(ids.t2, A, 'Rà soát TTHC', '3.2', '2024-03-31'));
    await task(
      ids.t3,
      '2024-01-15T02:00:00.000Z',
      assign(ids.t3, B, 'Báo cáo tháng', '1.2', '2024-04-30', { every: 'month', until: '2024-04-30' }),
    );
    await task(ids.t4, '2024-01-15T02:00:00.000Z', assign(ids.t4, B, 'Nhiệm vụ hủy', null, '2024-03-31'));
    await task(ids.t5, '2024-01-15T02:00:00.000Z', assign(ids.t5, B, 'Tuyên truyền', null, null));
    // Known before `midway`: t1 reported on time (awaiting), t3 January done.
    await task(ids.t1, '2024-02-14T03:00:00.000Z', reported('2024-02-14', false));
    await task(ids.t3, '2024-02-01T03:00:00.000Z', reported('2024-01-31', true, '2024-01'));
    // Recorded after `midway`: t1 accepted, t2 extended then late, t3 February late, t4 cancelled.
    await task(ids.t1, '2024-03-02T03:00:00.000Z', accepted('2024-02-14', '2024-03-02T03:00:00.000Z'));
    await task(ids.t2, '2024-03-20T03:00:00.000Z', granted('2024-03-31', '2024-04-05', '2024-03-20T03:00:00.000Z'));
    await task(ids.t2, '2024-04-08T03:00:00.000Z', reported('2024-04-08', true));
    await task(ids.t3, '2024-03-05T03:00:00.000Z', reported('2024-03-04', true, '2024-02'));
    await task(ids.t4, '2024-03-10T03:00:00.000Z', cancelled('2024-03-10T03:00:00.000Z'));
  });

  it('gives the read models’ answer when everything is known', async () => {
    const snapshot = await replay.snapshot(new Date());
    const filter = { leadPath: `/${R}/`, planId };
    for (const groupBy of GROUP_BYS) {
      for (const rounding of ['halfUp', 'truncate'] as const) {
        const sql = await reports.completion(filter, { asOf, groupBy, rounding });
        expect(replayCompletion(snapshot, filter, { asOf, groupBy, rounding })).toEqual(sql);
      }
    }
    const period = { ...filter, directiveId, period: { from: '2024-02-15', to: '2024-03-14' } };
    expect(replayCompletion(snapshot, period, { asOf, groupBy: 'office', rounding: 'halfUp' })).toEqual(
      await reports.completion(period, { asOf, groupBy: 'office', rounding: 'halfUp' }),
    );
    const sqlOverdue = await reports.overdue(filter, asOf);
    expect(sqlOverdue.items.map((i) => [i.title, i.occurrence, i.daysOverdue])).toEqual([['Báo cáo tháng', '2024-03', 10]]);
    expect(replayOverdue(snapshot, filter, asOf)).toEqual(sqlOverdue);
    const total = (await reports.completion(filter, { asOf, groupBy: 'office', rounding: 'halfUp' })).total;
    expect(total).toMatchObject({
      assigned: 7,
      cancelled: 1,
      doneOnTime: 2,
      doneLate: 2,
      overdue: 1,
      inProgress: 1,
      noDeadline: 1,
      extended: 1,
      due: 5,
    });
  });

  it('says at knownAt only what was recorded by then', async () => {
    const snapshot = await replay.snapshot(midway);
    const filter = { leadPath: `/${R}/`, planId };
    const report = replayCompletion(snapshot, filter, { asOf, groupBy: 'office', rounding: 'halfUp' });
    // t1 awaiting, t2 overdue since 31/3 (extension unknown), t3 Jan done, Feb/Mar overdue, Apr in progress, t4 overdue, t5 no deadline
    expect(report.total).toMatchObject({
      assigned: 8,
      cancelled: 0,
      doneOnTime: 1,
      awaitingAcceptance: 1,
      overdue: 4,
      inProgress: 1,
      noDeadline: 1,
      extended: 0,
    });
    expect(report.groups.map((g) => [g.key, g.label])).toEqual([
      [A, 'Phòng Nội vụ'],
      [B, 'Văn phòng'],
    ]);
    const overdue = replayOverdue(snapshot, filter, asOf);
    expect(overdue.items.map((i) => [i.title, i.occurrence, i.daysOverdue, i.directiveNumber])).toEqual([
      ['Báo cáo tháng', '2024-02', 41, '12/KH-UBND'],
      ['Báo cáo tháng', '2024-03', 10, '12/KH-UBND'],
      ['Nhiệm vụ hủy', null, 10, '12/KH-UBND'],
      ['Rà soát TTHC', null, 10, '12/KH-UBND'],
    ]);
    // Before anything was recorded, nothing.
    expect(
      replayCompletion(await replay.snapshot(new Date('2024-01-01T00:00:00Z')), filter, { asOf, groupBy: 'office', rounding: 'halfUp' })
        .groups,
    ).toEqual([]);
  });
});
