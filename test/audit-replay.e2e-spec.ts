import { TestApp, bearer, startTestApp } from './support/test-app';
import { districtWithPlan, expectStatus } from './support/e2e-world';

/**
 * Time travel: what the live read models answered after each step of a task's life is exactly
 * what an inspector gets afterwards with knownAt = that instant (same asOf), field for field:
 * the task, the plan's task list and the plan's completion report.
 */
describe('replay equality: knownAt gives what the live reads said (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);

  afterAll(() => t?.close());

  it('after each step of a full lifecycle', async () => {
    const w = await districtWithPlan(t);
    const officer = w.officer(w.nv);
    // After the original deadline, before the extended one: the grant changes the answers.
    const asOf = '2027-04-15';
    const q = `asOf=${encodeURIComponent(asOf)}`;
    const reads = (id: string) => [
      `/v1/tasks/${id}?${q}`,
      `/v1/tasks?plan=${w.planId}&${q}`,
      `/v1/reports/completion?plan=${w.planId}&${q}`,
      `/v1/reports/completion?plan=${w.planId}&groupBy=criterion&${q}`,
      `/v1/reports/overdue?plan=${w.planId}&${q}`,
    ];
    const snapshots: { step: string; at: string; answers: Record<string, { status: number; body: unknown; etag?: string }> }[] = [];

    let id = '';
    let requestId = '';
    const steps: [string, () => Promise<void>][] = [
      [
        'assign',
        async () => {
          const r = await expectStatus(
            t.http
              .post(`/v1/plans/${w.planId}/tasks`)
              .set(bearer(w.leader))
              .send({ title: 'Rà soát TTHC', lead: w.nv, dueOn: '2027-03-31', criterion: '1.3.2' }),
            201,
          );
          id = r.body.tasks[0].id;
        },
      ],
      [
        'progress',
        async () =>
          void (await expectStatus(
            t.http.post(`/v1/tasks/${id}/progress`).set(bearer(officer)).send({ note: 'Đang làm', percent: 40 }),
            201,
          )),
      ],
      [
        'extension request',
        async () => {
          const r = await expectStatus(
            t.http.post(`/v1/tasks/${id}/extension-requests`).set(bearer(officer)).send({ dueOn: '2027-06-30', reason: 'Chờ hướng dẫn' }),
            201,
          );
          requestId = r.body.requestId;
        },
      ],
      [
        'grant',
        async () =>
          void (await expectStatus(
            t.http.post(`/v1/tasks/${id}/extension-requests/${requestId}/grant`).set(bearer(w.leader)).send({ note: 'Đồng ý' }),
            200,
          )),
      ],
      [
        'completion',
        async () => void (await expectStatus(t.http.post(`/v1/tasks/${id}/completion`).set(bearer(officer)).send({ note: 'Xong' }), 201)),
      ],
      [
        'return',
        async () =>
          void (await expectStatus(
            t.http.post(`/v1/tasks/${id}/completion/return`).set(bearer(w.leader)).send({ reason: 'Thiếu minh chứng' }),
            200,
          )),
      ],
      [
        'completion again',
        async () =>
          void (await expectStatus(
            t.http
              .post(`/v1/tasks/${id}/completion`)
              .set(bearer(officer))
              .send({ note: 'Bổ sung', evidence: [{ documentNumber: '120/BC-UBND' }] }),
            201,
          )),
      ],
      [
        'accept',
        async () => void (await expectStatus(t.http.post(`/v1/tasks/${id}/completion/accept`).set(bearer(w.leader)).send({}), 200)),
      ],
    ];

    for (const [step, run] of steps) {
      await run();
      const at = new Date().toISOString();
      const answers: (typeof snapshots)[number]['answers'] = {};
      for (const path of reads(id)) {
        const r = await t.http.get(path).set(bearer(w.leader));
        answers[path] = { status: r.status, body: r.body, etag: path.startsWith(`/v1/tasks/${id}`) ? r.headers.etag : undefined };
      }
      snapshots.push({ step, at, answers });
      await new Promise((r) => setTimeout(r, 5)); // the next step is recorded strictly later
    }
    expect(snapshots.map((s) => (s.answers[`/v1/tasks/${id}?${q}`].body as { status: string }).status)).toEqual([
      'OVERDUE',
      'OVERDUE',
      'OVERDUE',
      'IN_PROGRESS',
      'AWAITING_ACCEPTANCE',
      'IN_PROGRESS',
      'AWAITING_ACCEPTANCE',
      'DONE_ON_TIME',
    ]);

    const report = snapshots.at(-1)!.answers[`/v1/reports/completion?plan=${w.planId}&${q}`].body as {
      total: { assigned: number; doneOnTime: number };
    };
    expect(report.total).toMatchObject({ assigned: 1, doneOnTime: 1 });

    for (const s of snapshots) {
      for (const [path, live] of Object.entries(s.answers)) {
        expect(live.status).toBe(200);
        const r = await t.http.get(`${path}&knownAt=${encodeURIComponent(s.at)}`).set(bearer(w.inspector));
        // Reports echo the knownAt they were asked for; the live read had none to echo.
        const { knownAt, ...body } = r.body as Record<string, unknown>;
        if (knownAt !== undefined) expect(knownAt).toBe(s.at);
        expect({ step: s.step, path, status: r.status, body: Array.isArray(r.body) ? r.body : body }).toEqual({
          step: s.step,
          path,
          status: 200,
          body: live.body,
        });
        if (live.etag) expect(r.headers.etag).toBe(live.etag);
      }
    }
  }, 120_000);
});
