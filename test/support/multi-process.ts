import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@dondoc/event-store';
import { ProjectionLag } from '@dondoc/read-models/projection/projection-lag';
import { rebuildReadModels } from '@dondoc/read-models/projection/rebuild';
import { Pool } from 'pg';
import { signToken } from '../../apps/api/src/http/auth/token-verifier';
import { TEST_JWT_SECRET, cloneTestDatabase } from './test-app';
import { waitUntil } from './worker-process';
import { AppProcess, freePort } from './app-process';
import { taskLogTally } from './multi-process-checks';
import { districtWithPlan, roundRobin } from './multi-process-world';
import { countEvents } from '@dondoc/event-store/postgres/testing/stored-events';

/**
 * Issue 8: several processes, one machine, one PostgreSQL. Three API processes (DONDOC_ROLE=api)
 * and two workers, started as a deployment would start them. `commands` commands are spread over
 * the three APIs with bounded concurrency (each task's own commands in order, many tasks at once);
 * part-way, the worker that owns the projection is killed (SIGKILL) and the other takes over.
 * Then: every accepted command left its events in the log exactly once, every event was projected
 * exactly once (each task's row is at its stream's version, shows its last progress report and
 * exactly one extension request, a list that would grow if an event were applied twice), and the
 * read models (reports included) equal a clean rebuild.
 *
 * `apiDatabase` puts something between the APIs and PostgreSQL (PgBouncer, issue 21 item 5): the
 * URL the APIs connect with and their extra settings; the workers always connect directly.
 * MULTI_PROCESS_CONCURRENCY sets the requests in flight (12).
 */
const CONCURRENCY = Number(process.env.MULTI_PROCESS_CONCURRENCY ?? 12);
const PROGRESS_PER_TASK = 7;
/** assign, acknowledge, one extension request, the progress reports. */
const PER_TASK = 3 + PROGRESS_PER_TASK;
const SETUP_COMMANDS = 7; // five offices, a directive, a plan
const KILL_AT = 0.4; // of the task commands

/** What stands between the APIs and the database, started for the run and stopped after it. */
export interface ApiDatabase {
  url: string;
  env?: Record<string, string>;
  /** After the commands: a line on what went through it (and a check that something did). */
  report?(): Promise<string>;
  stop(): Promise<void>;
}

export interface MultiProcessRun {
  title: string;
  commands: number;
  apiDatabase?: (url: string) => Promise<ApiDatabase>;
}

export function describeMultiProcess(run: MultiProcessRun): void {
  const COMMANDS = run.commands;
  const TASKS = Math.max(1, Math.ceil((COMMANDS - SETUP_COMMANDS) / PER_TASK));
  describe(run.title, () => {
    jest.setTimeout(15 * 60_000);

    let url: string;
    let apiUrl: string;
    let apiDb: ApiDatabase | undefined;
    let db: Pool;
    const apis: AppProcess[] = [];
    const workers: AppProcess[] = [];
    const all = () => [...apis, ...workers];
    const output = () =>
      all()
        .map((p) => `--- ${p.name} pid ${p.pid} (${p.alive ? 'alive' : 'gone'})\n${p.output().slice(-2500)}`)
        .join('\n');

    beforeAll(async () => {
      url = await cloneTestDatabase();
      db = new Pool({ connectionString: url, max: 3 });
      apiDb = await run.apiDatabase?.(url);
      apiUrl = apiDb?.url ?? url;
    });

    afterAll(async () => {
      await Promise.all(all().map((p) => p.kill('SIGKILL')));
      await apiDb?.stop();
      await db?.end();
    });

    it(`${COMMANDS} commands over three APIs, the active worker killed once: all projected exactly once, reports equal a rebuild`, async () => {
      const timings: Record<string, number> = {};
      const t0 = Date.now();
      const common = { DATABASE_URL: url, JWT_SECRET: TEST_JWT_SECRET, CONSISTENCY: 'eventual', RATE_LIMIT: 'off' };
      for (let i = 0; i < 3; i++)
        apis.push(
          AppProcess.start(`api-${i + 1}`, 'api', {
            ...common,
            DATABASE_URL: apiUrl,
            ...apiDb?.env,
            DONDOC_ROLE: 'api',
            PORT: '0',
            LOG_LEVEL: 'warn',
          }),
        );
      const healthPorts = [await freePort(), await freePort()];
      for (let i = 0; i < 2; i++) {
        workers.push(
          AppProcess.start(`worker-${i + 1}`, 'worker', { ...common, LOG_LEVEL: 'log', WORKER_HEALTH_PORT: String(healthPorts[i]) }),
        );
      }
      await waitUntil('three APIs listening', async () => apis.every((a) => a.url) || all().some((p) => !p.alive), 180_000, output);
      await waitUntil(
        'two workers started',
        async () => workers.every((w) => w.output().includes('worker started')) || all().some((p) => !p.alive),
        180_000,
        output,
      );
      if (all().some((p) => !p.alive)) throw new Error(`a process died at start\n${output()}`);
      timings.startSeconds = (Date.now() - t0) / 1000;
      // The workers' probe endpoint (deploy/k8s/worker.yaml) answers.
      for (const port of healthPorts) {
        await waitUntil(
          `worker health on :${port}`,
          async () => (await fetch(`http://127.0.0.1:${port}/health`).catch(() => null))?.status === 200,
          30_000,
          output,
        );
        expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
      }

      // ---- commands
      const failures: string[] = [];
      const calls = roundRobin(apis as { name: string; url?: string }[], failures);
      const post = calls.post;
      const { leads, leader, officers, planId } = await districtWithPlan(post, db, failures, output);

      const taskIds: string[] = [];
      const versionsSeen = new Map<string, number[]>();
      const runTask = async (i: number) => {
        const lead = leads[i % leads.length];
        const officer = officers.get(lead)!;
        const assigned = await post(`/v1/plans/${planId}/tasks`, leader, { title: `Nhiệm vụ ${i}`, lead, dueOn: '2027-03-31' }, 201);
        const id = (assigned.tasks as { id: string }[] | undefined)?.[0]?.id;
        if (!id) return;
        taskIds.push(id);
        const versions = [(await post(`/v1/tasks/${id}/acknowledge`, officer, {}, 200)).version ?? -1];
        for (let k = 1; k <= PROGRESS_PER_TASK; k++) {
          versions.push((await post(`/v1/tasks/${id}/progress`, officer, { note: `r${k}`, percent: k * 10 }, 201)).version ?? -1);
          if (k === 3)
            versions.push(
              (await post(`/v1/tasks/${id}/extension-requests`, officer, { dueOn: '2027-06-30', reason: `gia hạn ${i}` }, 201)).version ??
                -1,
            );
        }
        versionsSeen.set(id, versions);
      };

      // The kill: once KILL_AT of the task commands are done, SIGKILL whichever worker owns the projection.
      const ownerPid = async () =>
        Number(
          /:(\d+)$/.exec(
            (await db.query<{ owner: string | null }>(`SELECT owner FROM rm_checkpoints WHERE name = 'main'`)).rows[0]?.owner ?? '',
          )?.[1] ?? 0,
        );
      const killer = (async () => {
        await waitUntil(
          'commands to reach the kill point',
          async () => calls.sent() >= SETUP_COMMANDS + KILL_AT * TASKS * PER_TASK || failures.length > 0,
          30 * 60_000,
        );
        const pid = await ownerPid();
        const victim = workers.find((w) => w.pid === pid);
        if (!victim) throw new Error(`the projection's owner (pid ${pid}) is not one of the workers\n${output()}`);
        const survivor = workers.find((w) => w !== victim)!;
        await victim.kill('SIGKILL');
        const killedAt = Date.now();
        timings.takeoverSeconds =
          (await waitUntil('the other worker to take over', async () => (await ownerPid()) === survivor.pid, 120_000, output)) / 1000;
        return { victim: victim.name, killedAtCommand: calls.sent(), killedAt };
      })();
      killer.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile

      const started = Date.now();
      let cursor = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (cursor < TASKS && failures.length < 20) await runTask(cursor++);
        }),
      ).catch((e: Error & { cause?: unknown }) => {
        // A refused connection or a closed socket says nothing by itself: the processes' output does.
        throw new Error(`${e.message} (${String(e.cause)})\n${output()}`);
      });
      timings.commandSeconds = (Date.now() - started) / 1000;
      const kill = await killer;
      expect(failures.slice(0, 20)).toEqual([]);
      expect(calls.sent()).toBe(SETUP_COMMANDS + TASKS * PER_TASK);
      expect(taskIds).toHaveLength(TASKS);

      // ---- everything projected
      const lag = new ProjectionLag(db, new PostgresEventStore(db)); // never closed: it would end `db`
      const caughtUp = Date.now();
      await waitUntil('the projection to reach the head', async () => (await lag.lagEvents()) === 0, 300_000, output);
      timings.catchUpSeconds = (Date.now() - caughtUp) / 1000;

      // Each command's events are in the log once: per task, one assignment, one acknowledgement,
      // one extension request, PROGRESS_PER_TASK progress reports; versions 1..10 with no gap.
      const log = { rows: await taskLogTally(db, taskIds) };
      expect(log.rows).toHaveLength(TASKS);
      const badLog = log.rows.filter(
        (r) =>
          Number(r.n) !== PER_TASK ||
          Number(r.max) !== PER_TASK ||
          Number(r.progress) !== PROGRESS_PER_TASK ||
          Number(r.ext) !== 1 ||
          Number(r.ack) !== 1 ||
          Number(r.assigned) !== 1,
      );
      expect(badLog.slice(0, 5)).toEqual([]);
      // Each response named the version its command wrote: 2..10 for a task's later commands, in order.
      const badVersions = [...versionsSeen.entries()].filter(
        ([, v]) => v.join() !== Array.from({ length: PER_TASK - 1 }, (_, k) => k + 2).join(),
      );
      expect(badVersions.slice(0, 5)).toEqual([]);

      // Each event projected exactly once: the row is at the stream's version, shows the last report,
      // and has exactly one extension request (an ExtensionRequested applied twice would add a second).
      const rows = await db.query<{ id: string; version: number; note: string | null; extensions: number; acknowledged: boolean }>(
        `SELECT id::text AS id, version, state->'progress'->>'note' AS note, jsonb_array_length(state->'extensions') AS extensions,
                state->>'acknowledgedAt' IS NOT NULL AS acknowledged
           FROM rm_tasks WHERE id = ANY($1::uuid[])`,
        [taskIds],
      );
      expect(rows.rows).toHaveLength(TASKS);
      const lastNote = new Map(log.rows.map((r) => [r.stream_id.replace(/^task-/, ''), r.last_note]));
      const badRows = rows.rows.filter(
        (r) =>
          r.version !== PER_TASK ||
          r.extensions !== 1 ||
          !r.acknowledged ||
          r.note !== lastNote.get(r.id) ||
          r.note !== `r${PROGRESS_PER_TASK}`,
      );
      expect(badRows.slice(0, 5)).toEqual([]);

      // The read models, reports included, equal a clean rebuild from the log.
      const check = await rebuildReadModels(url, { check: true });
      expect(check.differences).toEqual([]);

      const total = SETUP_COMMANDS + TASKS * PER_TASK;
      const through = apiDb?.report ? `; ${await apiDb.report()}` : '';
      console.log(
        `multi-process: ${total} commands over 3 APIs in ${timings.commandSeconds.toFixed(1)} s ` +
          `(${(total / timings.commandSeconds).toFixed(0)}/s, ${CONCURRENCY} in flight), processes up in ${timings.startSeconds.toFixed(1)} s; ` +
          `${kill.victim} killed at command ${kill.killedAtCommand}, takeover in ${timings.takeoverSeconds.toFixed(1)} s; ` +
          `projection caught up ${timings.catchUpSeconds.toFixed(1)} s after the last command; rebuild check over ${check.events} events in ${check.seconds.toFixed(1)} s${through}`,
      );
      expect(apis.every((a) => a.alive)).toBe(true);
    });

    it('100 concurrent progress reports without If-Match on one task, spread over the three APIs: all land (issue 13 item 3)', async () => {
      if (apis.length !== 3 || !apis.every((a) => a.alive && a.url))
        throw new Error(`the APIs of the test above are not running\n${output()}`);
      const send = async (api: AppProcess, path: string, token: string, body: object) => {
        const res = await fetch(`${api.url}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(60_000),
        });
        return {
          status: res.status,
          body: (await res.json().catch(() => ({}))) as Record<string, unknown> & { version?: number; code?: string },
        };
      };
      const expectCreated = async (p: Promise<{ status: number; body: Record<string, unknown> }>) => {
        const r = await p;
        if (r.status !== 201) throw new Error(`expected 201, got ${r.status} ${JSON.stringify(r.body)}`);
        return r.body;
      };
      const tag = randomUUID().replace(/-/g, '').slice(0, 6).toUpperCase();
      const district = `UBND-${tag}`;
      const lead = `${tag}-NV`;
      const admin = signToken(TEST_JWT_SECRET, { sub: 'admin-root', role: 'admin', office: 'ROOT' });
      const leader = signToken(TEST_JWT_SECRET, { sub: `leader-${tag}`, role: 'leader', office: district });
      const officer = signToken(TEST_JWT_SECRET, { sub: `officer-${lead}`, role: 'officer', office: lead });
      await expectCreated(send(apis[0], '/v1/offices', admin, { code: district, name: `UBND huyện ${tag}`, level: 'district' }));
      await waitUntil(
        'the district in the read model',
        async () => (await db.query('SELECT 1 FROM rm_offices WHERE code = $1', [district])).rowCount === 1,
        60_000,
        output,
      );
      await expectCreated(send(apis[0], '/v1/offices', admin, { code: lead, name: `Phòng ${lead}`, parent: district, level: 'office' }));
      await waitUntil(
        'the offices in the read model',
        async () =>
          Number((await db.query('SELECT count(*) AS n FROM rm_offices WHERE code = ANY($1)', [[district, lead]])).rows[0].n) === 2,
        60_000,
        output,
      );
      const directive = await expectCreated(
        send(apis[0], '/v1/directives', leader, {
          number: `${tag}/QĐ-UBND`,
          kind: 'Quyết định',
          issuedOn: '2026-11-01',
          issuer: district,
          title: `Chỉ thị ${tag}`,
        }),
      );
      await waitUntil(
        'the directive in the read model',
        async () => (await db.query('SELECT 1 FROM rm_directives WHERE id = $1', [directive.id])).rowCount === 1,
        60_000,
        output,
      );
      const plan = await expectCreated(
        send(apis[0], '/v1/plans', leader, {
          directiveId: directive.id,
          issuer: district,
          title: `Kế hoạch ${tag}`,
          period: { from: '2026-11-01', to: '2027-12-31' },
          targets: [{ code: 'CT-1', name: 'Tỷ lệ hồ sơ đúng hạn', unit: 'percent', comparator: 'atLeast', value: 95 }],
        }),
      );
      await waitUntil(
        'the plan in the read model',
        async () => (await db.query('SELECT 1 FROM rm_plans WHERE id = $1', [plan.id])).rowCount === 1,
        60_000,
        output,
      );
      const assigned = await expectCreated(
        send(apis[0], `/v1/plans/${plan.id}/tasks`, leader, { title: `Nhiệm vụ ${tag}`, lead, dueOn: '2027-03-31' }),
      );
      const taskId = (assigned.tasks as { id: string }[])[0].id;

      const started = Date.now();
      const responses = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          send(apis[i % 3], `/v1/tasks/${taskId}/progress`, officer, { note: `Báo cáo ${i}`, percent: i }),
        ),
      );
      const elapsed = Date.now() - started;
      expect(responses.filter((r) => r.status !== 201).map((r) => `${r.status} ${r.body.code}`)).toEqual([]);
      expect(responses.map((r) => r.body.version).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
        Array.from({ length: 100 }, (_, i) => i + 2),
      );
      expect(await countEvents(db, { streamId: `task-${taskId}` })).toBe(101);
      console.log(`100 concurrent progress reports on one task over 3 APIs: ${elapsed} ms`);
      expect(apis.every((a) => a.alive)).toBe(true);
    });
  });
}
