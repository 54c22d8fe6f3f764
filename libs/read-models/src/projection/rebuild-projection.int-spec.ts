import { PostgresEventStore } from '@dondoc/event-store';
import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { READ_MODEL_ENTITIES, READ_MODEL_PROJECTORS } from '../read-models';
import { assignedEvent, freshCode, reported } from '../reports/report-support.testing';
import { OfficeProjector } from '../offices/office.projector';
import { TaskProjector } from '../tasks/task.projector';
import { rebuildProjection } from './rebuild-projection';
import { checksum, rebuildReadModels } from './rebuild';
import { Projection } from './projection';
import { ProjectorService } from './projector.service';

/**
 * Issue 19 item 5: `projections:rebuild -- tasks` rebuilds the tasks read model alone while the
 * runner keeps projecting every projection; and a batch is applied dependencies first. In a
 * database of its own: the runner moves every checkpoint row.
 */
describe('named projections (PostgreSQL)', () => {
  let admin: Client;
  let dbName: string;
  let url: string;
  let ds: DataSource;
  let pool: Pool;
  let store: PostgresEventStore;
  const running: ProjectorService[] = [];
  const actor = { userId: 'u-named', role: 'admin', office: 'ROOT' };

  beforeAll(async () => {
    const template = new URL(process.env.DONDOC_TEST_TEMPLATE_URL!);
    dbName = `dondoc_t${process.env.DONDOC_TEST_RUN}_named_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    admin = new Client({ connectionString: process.env.DONDOC_TEST_SERVER_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName} TEMPLATE ${template.pathname.slice(1)}`);
    template.pathname = `/${dbName}`;
    url = template.toString();
    ds = await new DataSource({ type: 'postgres', url, entities: READ_MODEL_ENTITIES, poolSize: 3 }).initialize();
    pool = new Pool({ connectionString: url, max: 3 });
    pool.on('error', () => undefined);
    store = new PostgresEventStore(pool, { pollIntervalMs: 20 });
  }, 60_000);

  afterEach(async () => {
    for (const r of running.splice(0)) await r.stop();
  });

  afterAll(async () => {
    await store?.close();
    await ds?.destroy();
    if (dbName) await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin?.end();
  }, 60_000);

  const runner = (projections: Projection[]) => {
    const r = new ProjectorService(store, url, projections, ds);
    running.push(r);
    r.start();
    return r;
  };
  const append = (stream: string, ...events: { type: string; data: unknown }[]) =>
    store.append(
      stream,
      events.map((e) => ({
        eventId: randomUUID(),
        type: e.type,
        data: e.data,
        metadata: { actor, correlationId: randomUUID() },
        occurredAt: new Date(),
      })),
      'any',
    );
  const office = (code: string, parent: string | null = null) =>
    append(`office-${code}`, { type: 'OfficeRegistered', data: { code, name: `Phòng ${code}`, parent, level: null, email: null } });
  const task = (lead: string, taskId = randomUUID()) => append(`task-${taskId}`, assignedEvent({ taskId, lead })).then(() => taskId);
  const rows = async (sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows;
  const checkpoints = async () =>
    Object.fromEntries((await rows('SELECT name, position FROM rm_checkpoints')).map((r) => [r.name, r.position as string]));
  async function until(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  const caughtUp = async () => {
    const head = await store.headPosition();
    return Object.values(await checkpoints()).every((p) => (p as string) >= head);
  };

  it('applies a batch dependencies first, whatever the order they are registered in', async () => {
    // Given an office and a task it leads, in one batch, with the tasks projection listed first
    const code = freshCode('DEP');
    await office(code);
    const id = await task(code);
    // When the runner projects them
    runner([new TaskProjector(), new OfficeProjector()]);
    await until('the task row', async () => (await rows('SELECT 1 FROM rm_tasks WHERE id = $1', [id])).length === 1);
    // Then the task found its lead's path: the offices projection ran first
    expect((await rows('SELECT lead_path FROM rm_tasks WHERE id = $1', [id]))[0].lead_path).toBe(`/${code}/`);
  });

  it('rebuilds tasks alone while the others keep projecting, each event applied once', async () => {
    // Given offices, tasks with history, and a runner projecting every read model
    const all = () => READ_MODEL_PROJECTORS.map((P) => new P() as Projection);
    runner(all());
    const root = freshCode('ROOT');
    await office(root);
    const leads = [freshCode('A'), freshCode('B')];
    for (const l of leads) await office(l, root);
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) ids.push(await task(leads[i % 2]));
    for (const id of ids.slice(0, 50)) await append(`task-${id}`, reported('2024-02-01', true));
    await until('the runner to catch up', caughtUp);
    const tasksBefore = (await rows(checksum('rm_tasks')))[0].c;
    const names = Object.keys(await checkpoints());
    expect(names).toEqual(expect.arrayContaining(['main', 'offices', 'tasks', 'inspections', 'users']));

    // When tasks is rebuilt, and while it replays, new offices and tasks are written
    const late = freshCode('LATE');
    let lateTask = '';
    let officesDuring = '';
    const result = await rebuildProjection(url, 'tasks', {
      beforeSwap: async () => {
        await office(late, root);
        lateTask = await task(late);
        // the other read models keep projecting: the new office is in rm_offices before the swap
        await until(
          'the new office projected during the rebuild',
          async () => (await rows('SELECT 1 FROM rm_offices WHERE code = $1', [late])).length === 1,
        );
        officesDuring = (await checkpoints()).offices;
        // and the office moves: the rebuilt task rows must follow it though they were replayed before
        await append(`office-${leads[0]}`, { type: 'OfficeMoved', data: { code: leads[0], parent: late, previousParent: root } });
      },
    });

    // Then it swapped in, the runner went on, and the offices projection never waited for it
    expect(result.swapped).toBe(true);
    expect(result.events).toBeGreaterThan(250);
    expect(officesDuring > '').toBe(true);
    await until('the runner to catch up after the swap', caughtUp);
    const after = await checkpoints();
    expect(new Set(Object.values(after)).size).toBe(1); // every row, main included, at the head
    // the late task is there once, the moved lead's tasks have the new path
    const [lateRow] = await rows('SELECT version, lead_path FROM rm_tasks WHERE id = $1', [lateTask]);
    expect(lateRow).toEqual({ version: 1, lead_path: `/${root}/${late}/` });
    const moved = await rows('SELECT DISTINCT lead_path FROM rm_tasks WHERE lead = $1', [leads[0]]);
    expect(moved).toEqual([{ lead_path: `/${root}/${late}/${leads[0]}/` }]);
    expect((await rows('SELECT count(*)::int AS n FROM rm_tasks WHERE id = ANY($1)', [ids]))[0].n).toBe(200);
    expect((await rows('SELECT version FROM rm_tasks WHERE id = $1', [ids[0]]))[0].version).toBe(2);
    expect((await rows(checksum('rm_tasks')))[0].c).not.toBe(tasksBefore); // the move and the late task changed it

    // And events after the swap land in the new tables exactly once
    await append(`task-${ids[100]}`, reported('2024-02-02', true));
    await until('the runner to project the new event', caughtUp);
    expect((await rows('SELECT version FROM rm_tasks WHERE id = $1', [ids[100]]))[0].version).toBe(2);
    // everything equals a replay of the log, tasks alone and every read model
    expect((await rebuildProjection(url, 'tasks', { check: true })).differences).toEqual([]);
    expect((await rebuildReadModels(url, { check: true })).differences).toEqual([]);
    // no shadow schema is left behind
    expect(await rows(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rm\\_rebuild%' OR nspname LIKE 'rm\\_retired%'`)).toEqual([]);
  }, 120_000);

  it('inspections and findings follow an office move themselves', async () => {
    // Given an inspection of two offices and a finding about one, projected
    runner(READ_MODEL_PROJECTORS.map((P) => new P() as Projection));
    const [root, other, a, b] = [freshCode('R'), freshCode('O'), freshCode('A'), freshCode('B')];
    await office(root);
    await office(other);
    await office(a, root);
    await office(b, root);
    const [inspection, finding] = [randomUUID(), randomUUID()];
    const period = { from: '2024-03-01', to: '2024-03-31' };
    await append(`inspection-${inspection}`, {
      type: 'InspectionPlanned',
      data: {
        id: inspection,
        code: null,
        title: 'Kiểm tra',
        inspectingOffice: root,
        offices: [a, b],
        period,
        criteria: [],
        planId: null,
        target: null,
      },
    });
    await append(`finding-${finding}`, {
      type: 'FindingRecorded',
      data: {
        findingId: finding,
        inspectionId: inspection,
        inspectingOffice: root,
        office: a,
        criterion: null,
        severity: 'minor',
        description: 'Thiếu hồ sơ',
        requirement: 'Bổ sung',
        planId: null,
        at: '2024-03-05T03:00:00.000Z',
      },
    });
    await until('the runner to catch up', caughtUp);
    // When office A moves under the other root
    await append(`office-${a}`, { type: 'OfficeMoved', data: { code: a, parent: other, previousParent: root } });
    await until('the runner to catch up', caughtUp);
    // Then the inspection's paths and the finding's office path are A's new path, B's unchanged
    const [row] = await rows('SELECT paths FROM rm_inspections WHERE id = $1', [inspection]);
    expect(row.paths).toEqual([`/${root}/`, `/${other}/${a}/`, `/${root}/${b}/`]);
    expect((await rows('SELECT office_path FROM rm_findings WHERE id = $1', [finding]))[0].office_path).toBe(`/${other}/${a}/`);
    expect((await rebuildProjection(url, 'inspections', { check: true })).differences).toEqual([]);
  });

  it('refuses a name that is no projection', async () => {
    await expect(rebuildProjection(url, 'nope')).rejects.toThrow(/no projection named nope/);
  });
});
