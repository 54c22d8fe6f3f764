import { TestApp, bearer, startTestApp } from './support/test-app';
import { PlanWorld, assignTask, districtWithPlan, expectStatus } from './support/e2e-world';

/**
 * GET /v1/deadlines/parse answers how a printed deadline is read; a conditional deadline makes a
 * task without one, listed under NO_DEADLINE and counted as `noDeadline` until a leader sets one.
 */
let t: TestApp;
let w: PlanWorld;

beforeAll(async () => {
  t = await startTestApp();
  w = await districtWithPlan(t);
});
afterAll(async () => t?.close());

describe('GET /v1/deadlines/parse', () => {
  const parse = (query: Record<string, string>, token = t.token('officer', w.nv)) =>
    t.http.get('/v1/deadlines/parse').query(query).set(bearer(token));

  it('needs a signed-in user', async () => {
    expect((await t.http.get('/v1/deadlines/parse').query({ phrase: '2027' })).status).toBe(401);
  });

  it.each([
    [{ phrase: 'Quý III/2027' }, { phrase: 'Quý III/2027', kind: 'date', dueOn: '2027-09-30' }],
    [
      { phrase: 'Hằng quý', planEnd: '2027-12-31' },
      { kind: 'recurring', dueOn: '2027-12-31', recurrence: { every: 'quarter', until: '2027-12-31' } },
    ],
    [
      { phrase: 'Năm 2027 và các năm tiếp theo.', planEnd: '2030-12-31' },
      { kind: 'openEnded', dueOn: '2027-12-31', recurrence: { every: 'year', until: '2030-12-31' } },
    ],
    [{ phrase: 'Sau khi có hướng dẫn của Bộ' }, { kind: 'conditional', phrase: 'Sau khi có hướng dẫn của Bộ' }],
    [
      { phrase: 'Quý II', assignedOn: '2026-02-01', planEnd: '2026-12-31' },
      { kind: 'date', dueOn: '2026-06-30' },
    ],
  ])('%j', async (query, expected) => {
    const r = await expectStatus(parse(query), 200);
    expect(r.body).toMatchObject(expected);
    expect(typeof r.body.note).toBe('string');
    expect(r.body.startsOn).toBeUndefined();
  });

  it('quotes a phrase that names a date it cannot pin down (400)', async () => {
    const r = await parse({ phrase: 'Quý V/2027' });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'DEADLINE_PHRASE_UNREADABLE' });
    expect(JSON.stringify(r.body)).toContain('Quý V/2027');
  });

  it('names a bad planEnd (400)', async () => {
    const r = await parse({ phrase: 'Hằng quý', planEnd: '2027-02-30' });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('planEnd');
  });
});

describe('a conditional task: no deadline until a leader sets one', () => {
  const completion = async () => {
    const r = await expectStatus(
      t.http.get('/v1/reports/completion').query({ plan: w.planId, groupBy: 'plan' }).set(bearer(w.leader)),
      200,
    );
    return r.body.total;
  };

  it('is listed as NO_DEADLINE, counted under noDeadline, and a leader sets its deadline', async () => {
    const before = await completion();
    const id = await assignTask(t, w, { dueOn: undefined, deadlinePhrase: 'Sau khi Đề án được phê duyệt' });
    const task = await expectStatus(t.http.get(`/v1/tasks/${id}`).set(bearer(w.leader)), 200);
    expect(task.body).toMatchObject({
      dueOn: null,
      originalDueOn: null,
      deadlinePhrase: 'Sau khi Đề án được phê duyệt',
      status: 'NO_DEADLINE',
    });
    const listed = await expectStatus(t.http.get('/v1/tasks').query({ plan: w.planId, status: 'NO_DEADLINE' }).set(bearer(w.leader)), 200);
    expect(listed.body.items.map((i: { id: string }) => i.id)).toContain(id);
    const counted = await completion();
    expect(counted.noDeadline).toBe(before.noDeadline + 1);
    expect(counted.assigned).toBe(before.assigned + 1);

    await expectStatus(
      t.http.post(`/v1/tasks/${id}/deadline`).set(bearer(w.leader)).send({ dueOn: '2027-06-30', reason: 'Đề án đã được phê duyệt' }),
      200,
    );
    const set = await expectStatus(t.http.get(`/v1/tasks/${id}`).set(bearer(w.leader)), 200);
    expect(set.body).toMatchObject({ dueOn: '2027-06-30', status: 'IN_PROGRESS', extended: false });
    const after = await completion();
    expect(after.noDeadline).toBe(before.noDeadline);
    expect(after.inProgress).toBe(before.inProgress + 1);
    expect(after.extended).toBe(before.extended);
  });
});

describe('a yearly duty ("Hằng năm") in a plan to 2027', () => {
  it('has one occurrence per year, keyed 2026 and 2027, and its lead reports the 2026 one', async () => {
    const id = await assignTask(t, w, { dueOn: undefined, deadlinePhrase: 'Hằng năm' });
    const task = await expectStatus(t.http.get(`/v1/tasks/${id}`).set(bearer(w.leader)), 200);
    expect(task.body).toMatchObject({ dueOn: '2027-12-31', recurrence: { every: 'year', until: '2027-12-31' } });
    expect(task.body.occurrences.map((o: { key: string; dueOn: string }) => `${o.key}:${o.dueOn}`)).toEqual([
      '2026:2026-12-31',
      '2027:2027-12-31',
    ]);
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    await expectStatus(
      t.http
        .post(`/v1/tasks/${id}/completion`)
        .set(bearer(w.officer(w.nv)))
        .send({ occurrence: '2026', completedOn: today, note: 'Đã tổng kết năm 2026' }),
      201,
    );
    const bad = await t.http
      .post(`/v1/tasks/${id}/completion`)
      .set(bearer(w.officer(w.nv)))
      .send({ occurrence: '2026-H3', note: 'x' });
    expect(bad.status).toBe(400);
  });
});

describe('"kể từ ngày ký" in a task of a plan', () => {
  it("counts from the signing of the plan's directive (2026-11-01), not from the assignment", async () => {
    const id = await assignTask(t, w, { dueOn: undefined, deadlinePhrase: 'Trong 365 ngày kể từ ngày ký' });
    const task = await expectStatus(t.http.get(`/v1/tasks/${id}`).set(bearer(w.leader)), 200);
    expect(task.body).toMatchObject({ dueOn: '2027-11-01', deadlinePhrase: 'Trong 365 ngày kể từ ngày ký' });
  });
});
