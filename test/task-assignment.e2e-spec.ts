import { TestApp, bearer, startTestApp } from './support/test-app';
import { taskCalls } from './support/task-calls';
import { EventLog, PROBLEM_JSON, districtWithPlan, expectStatus, fresh, registerDistrict, todayLocal } from './support/e2e-world';

/**
 * The shapes of assignment over HTTP: several leads, a deadline phrase, none, a recurrence, a
 * back-filled past (and who may back-fill); directives' numbers.
 */
describe('task assignment (e2e)', () => {
  let t: TestApp;
  let log: EventLog;

  beforeAll(async () => {
    t = await startTestApp();
    log = await EventLog.open(t.databaseUrl);
  }, 60_000);

  afterAll(async () => {
    await log?.close();
    await t?.close();
  });

  const { getTask, write } = taskCalls(() => t);

  it('lead: [A, B] creates one task per lead office', async () => {
    const w = await districtWithPlan(t);
    const res = await expectStatus(
      t.http
        .post(`/v1/plans/${w.planId}/tasks`)
        .set(bearer(w.leader))
        .send({ title: 'Cập nhật cơ sở dữ liệu', lead: [w.nv, w.tc], dueOn: '2027-04-30' }),
      201,
    );
    expect(res.body.tasks).toHaveLength(2);
    expect(res.body.tasks.map((x: { lead: string }) => x.lead)).toEqual([w.nv, w.tc]);
    expect(res.body.tasks.every((x: { dueOn: string; version: number }) => x.dueOn === '2027-04-30' && x.version === 1)).toBe(true);
    const [a, b] = res.body.tasks.map((x: { id: string }) => x.id);
    expect(a).not.toBe(b);
    expect((await getTask(a, w.leader)).body).toMatchObject({ lead: w.nv, title: 'Cập nhật cơ sở dữ liệu', version: 1 });
    expect((await getTask(b, w.leader)).body).toMatchObject({ lead: w.tc, title: 'Cập nhật cơ sở dữ liệu', version: 1 });
  });

  it('deadlinePhrase "Trong Quý II 2027" → dueOn 2027-06-30, phrase kept', async () => {
    const w = await districtWithPlan(t);
    const res = await expectStatus(
      t.http
        .post(`/v1/plans/${w.planId}/tasks`)
        .set(bearer(w.leader))
        .send({ title: 'Tự đánh giá chỉ số', lead: w.nv, deadlinePhrase: 'Trong Quý II 2027' }),
      201,
    );
    expect(res.body.tasks[0]).toMatchObject({ dueOn: '2027-06-30', deadlinePhrase: 'Trong Quý II 2027', version: 1 });
    const view = await getTask(res.body.tasks[0].id, w.leader);
    expect(view.body).toMatchObject({
      dueOn: '2027-06-30',
      originalDueOn: '2027-06-30',
      deadlinePhrase: 'Trong Quý II 2027',
      status: 'IN_PROGRESS',
    });
  });

  it('no deadline → NO_DEADLINE', async () => {
    const w = await districtWithPlan(t);
    const res = await expectStatus(
      t.http.post(`/v1/plans/${w.planId}/tasks`).set(bearer(w.leader)).send({ title: 'Thường trực', lead: w.nv }),
      201,
    );
    expect(res.body.tasks[0].dueOn).toBeNull();
    const view = await getTask(res.body.tasks[0].id, w.leader);
    expect(view.body).toMatchObject({ dueOn: null, originalDueOn: null, status: 'NO_DEADLINE' });
  });

  it('recurrence monthly → one occurrence per month, each due on its last day', async () => {
    const w = await districtWithPlan(t);
    const res = await expectStatus(
      t.http
        .post(`/v1/plans/${w.planId}/tasks`)
        .set(bearer(w.leader))
        .send({ title: 'Báo cáo định kỳ hàng tháng', lead: w.nv, recurrence: { every: 'month', until: '2027-03-31' } }),
      201,
    );
    expect(res.body.tasks[0].dueOn).toBe('2027-03-31');
    const view = await getTask(res.body.tasks[0].id, w.leader);
    expect(view.body.recurrence).toEqual({ every: 'month', until: '2027-03-31' });
    // Assigned in November 2026 (today is 2026-11-22 when this was written): Nov, Dec, Jan, Feb, Mar.
    const month = todayLocal().slice(0, 7);
    const expected = [
      { key: '2026-11', dueOn: '2026-11-30' },
      { key: '2026-12', dueOn: '2026-12-31' },
      { key: '2027-01', dueOn: '2027-01-31' },
      { key: '2027-02', dueOn: '2027-02-28' },
      { key: '2027-03', dueOn: '2027-03-31' },
    ].filter((o) => o.key >= month);
    expect(view.body.occurrences.map((o: { key: string; dueOn: string }) => ({ key: o.key, dueOn: o.dueOn }))).toEqual(expected);
    expect(view.body.occurrences.every((o: { status: string }) => o.status === 'IN_PROGRESS')).toBe(true);

    // A completion reports the earliest open occurrence.
    const first = expected[0].key;
    await write(`/v1/tasks/${res.body.tasks[0].id}/completion`, w.officer(w.nv), { note: `Báo cáo tháng ${first}` }, 201, 2);
    const after = await getTask(res.body.tasks[0].id, w.leader);
    expect(after.body.occurrences[0]).toMatchObject({ key: first, status: 'AWAITING_ACCEPTANCE' });
    expect(after.body.occurrences[1].status).toBe('IN_PROGRESS');
  });

  it('an extension asked after the deadline is 409 EXTENSION_AFTER_DEADLINE (assignment back-filled by an admin)', async () => {
    const w = await districtWithPlan(t);
    const res = await expectStatus(
      t.http
        .post(`/v1/plans/${w.planId}/tasks`)
        .set(bearer(w.admin))
        .set('Occurred-At', '2024-01-15T09:00:00+07:00')
        .send({ title: 'Nhiệm vụ cũ', lead: w.nv, dueOn: '2024-03-31' }),
      201,
    );
    const id: string = res.body.tasks[0].id;
    let view = await getTask(id, w.leader);
    expect(view.body).toMatchObject({ dueOn: '2024-03-31', status: 'OVERDUE', assignedAt: '2024-01-15T02:00:00.000Z', version: 1 });
    expect(view.body.daysOverdue).toBeGreaterThan(900);
    const trail = await expectStatus(t.http.get(`/v1/tasks/${id}/events`).set(bearer(w.admin)), 200);
    expect(trail.body.items[0].occurredAt).toBe('2024-01-15T02:00:00.000Z');
    expect(Date.parse(trail.body.items[0].recordedAt)).toBeGreaterThan(Date.parse('2026-01-01'));

    const late = await t.http
      .post(`/v1/tasks/${id}/extension-requests`)
      .set(bearer(w.officer(w.nv)))
      .send({ dueOn: '2027-06-30', reason: 'Xin gia hạn' });
    expect(late.status).toBe(409);
    expect(late.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(late.body.code).toBe('EXTENSION_AFTER_DEADLINE');
    expect(await log.count(`task-${id}`)).toBe(1);

    // After the deadline only a leader changes it.
    await write(`/v1/tasks/${id}/deadline`, w.leader, { dueOn: '2027-06-30', reason: 'Điều chỉnh theo chỉ đạo' }, 200, 2);
    view = await getTask(id, w.leader);
    expect(view.body).toMatchObject({ dueOn: '2027-06-30', originalDueOn: '2024-03-31', status: 'IN_PROGRESS', version: 2 });
  });

  it('a non-admin sending Occurred-At is 403 and writes nothing', async () => {
    const w = await districtWithPlan(t);
    const before = await log.count();
    const res = await t.http
      .post(`/v1/plans/${w.planId}/tasks`)
      .set(bearer(w.leader))
      .set('Occurred-At', '2024-01-15T09:00:00+07:00')
      .send({ title: 'Lùi ngày', lead: w.nv, dueOn: '2024-03-31' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('BACKFILL_NOT_ALLOWED');
    expect(await log.count()).toBe(before);
  });

  it('directives: same number and issuer with another date is 409; with the same date 200 and the same id', async () => {
    const d = await registerDistrict(t);
    const body = {
      number: `${fresh()}/QĐ-UBND`,
      kind: 'Quyết định',
      issuedOn: '2026-10-05',
      issuer: d.district,
      title: 'Ban hành Kế hoạch CCHC',
    };
    const first = await expectStatus(t.http.post('/v1/directives').set(bearer(d.leader)).send(body), 201);
    expect(first.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), version: 1 });
    const count = await log.count();

    const same = await expectStatus(t.http.post('/v1/directives').set(bearer(d.leader)).send(body), 200);
    expect(same.body).toEqual({ id: first.body.id, version: 1 });

    const other = await t.http
      .post('/v1/directives')
      .set(bearer(d.leader))
      .send({ ...body, issuedOn: '2026-10-06' });
    expect(other.status).toBe(409);
    expect(other.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(other.body.code).toBe('DIRECTIVE_NUMBER_TAKEN');
    expect(await log.count()).toBe(count);

    const read = await expectStatus(t.http.get(`/v1/directives/${first.body.id}`).set(bearer(d.leader)), 200);
    expect(read.body).toMatchObject({ id: first.body.id, number: body.number, issuedOn: '2026-10-05', issuer: d.district, version: 1 });
  });
});
