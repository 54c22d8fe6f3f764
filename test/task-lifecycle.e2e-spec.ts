import { TestApp, bearer, startTestApp } from './support/test-app';
import {
  EventLog,
  PROBLEM_JSON,
  PlanWorld,
  assignTask,
  districtWithPlan,
  expectStatus,
  fresh,
  registerDistrict,
  todayLocal,
} from './support/e2e-world';

/**
 * A task's whole life over HTTP: assignment, acknowledgement, progress, extension, completion
 * returned then accepted; cancel/reopen, reassignment, office merge; the shapes of assignment
 * (several leads, a phrase, a recurrence, a back-filled past); directives' numbers; list filters.
 */
describe('task lifecycle (e2e)', () => {
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

  const getTask = async (id: string, token: string) => {
    const res = await expectStatus(t.http.get(`/v1/tasks/${id}`).set(bearer(token)), 200);
    return res;
  };

  /** A write that must succeed: exact status, the new version in the body and in the ETag. */
  const write = async (path: string, token: string, body: object, status: number, version: number) => {
    const res = await expectStatus(t.http.post(path).set(bearer(token)).send(body), status);
    expect(res.body.version).toBe(version);
    expect(res.headers.etag).toBe(`"${version}"`);
    return res;
  };

  it('assign → acknowledge → progress → extension → grant → completion → return → completion → accept', async () => {
    const w = await districtWithPlan(t);
    const officer = w.officer(w.nv);
    const today = todayLocal();

    const assigned = await expectStatus(
      t.http
        .post(`/v1/plans/${w.planId}/tasks`)
        .set(bearer(w.leader))
        .send({
          title: 'Rà soát thủ tục hành chính',
          lead: w.nv,
          supporting: [w.vp],
          dueOn: '2027-03-31',
          criterion: '1.3.2',
          expectedOutcome: 'Báo cáo kết quả',
        }),
      201,
    );
    expect(assigned.body.tasks).toHaveLength(1);
    const [created] = assigned.body.tasks;
    expect(created).toMatchObject({ lead: w.nv, dueOn: '2027-03-31', version: 1 });
    expect(assigned.headers.etag).toBe('"1"');
    const id: string = created.id;
    const path = `/v1/tasks/${id}`;

    let view = await getTask(id, w.leader);
    expect(view.body).toMatchObject({
      id,
      title: 'Rà soát thủ tục hành chính',
      plan: w.planId,
      lead: w.nv,
      supporting: [w.vp],
      criterion: '1.3.2',
      originalDueOn: '2027-03-31',
      dueOn: '2027-03-31',
      extensions: [],
      extended: false,
      status: 'IN_PROGRESS',
      version: 1,
    });
    expect(view.body.completedOn).toBeUndefined();
    expect(view.body.acknowledgedAt).toBeNull();
    // The ETag of a read is the stream version, the one a client sends back as If-Match.
    expect(view.headers.etag).toBe('"1"');

    await write(`${path}/acknowledge`, officer, {}, 200, 2);
    view = await getTask(id, officer);
    expect(view.body.acknowledgedAt).toEqual(expect.any(String));
    expect(view.body.version).toBe(2);
    expect(view.headers.etag).toBe('"2"');

    await write(`${path}/progress`, officer, { note: 'Đã ban hành kế hoạch', percent: 40 }, 201, 3);
    view = await getTask(id, officer);
    expect(view.body.progress).toMatchObject({ note: 'Đã ban hành kế hoạch', percent: 40 });
    expect(view.body.version).toBe(3);

    const requested = await write(`${path}/extension-requests`, officer, { dueOn: '2027-06-30', reason: 'Chờ hướng dẫn của tỉnh' }, 201, 4);
    const requestId: string = requested.body.requestId;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    view = await getTask(id, w.leader);
    expect(view.body).toMatchObject({ dueOn: '2027-03-31', originalDueOn: '2027-03-31', status: 'IN_PROGRESS', version: 4 });
    expect(view.body.extensions).toEqual([
      expect.objectContaining({
        requestId,
        requestedDueOn: '2027-06-30',
        status: 'pending',
        reason: 'Chờ hướng dẫn của tỉnh',
        grantedDueOn: null,
      }),
    ]);

    await write(`${path}/extension-requests/${requestId}/grant`, w.leader, { note: 'Đồng ý' }, 200, 5);
    view = await getTask(id, w.leader);
    expect(view.body).toMatchObject({
      dueOn: '2027-06-30',
      originalDueOn: '2027-03-31',
      extended: true,
      status: 'IN_PROGRESS',
      version: 5,
    });
    expect(view.body.extensions).toEqual([
      expect.objectContaining({ requestId, status: 'granted', grantedDueOn: '2027-06-30', note: 'Đồng ý' }),
    ]);

    await write(`${path}/completion`, officer, { note: 'Đã hoàn thành', evidence: [{ documentNumber: '117/BC-UBND' }] }, 201, 6);
    view = await getTask(id, w.leader);
    expect(view.body).toMatchObject({ status: 'AWAITING_ACCEPTANCE', version: 6 });
    expect(view.body.completedOn).toBeUndefined();
    expect(view.body.completion).toMatchObject({ completedOn: today, status: 'awaiting', evidence: [{ documentNumber: '117/BC-UBND' }] });

    await write(`${path}/completion/return`, w.leader, { reason: 'Thiếu minh chứng' }, 200, 7);
    view = await getTask(id, w.leader);
    expect(view.body).toMatchObject({ status: 'IN_PROGRESS', version: 7 });
    expect(view.body.completedOn).toBeUndefined();
    // The list marks it returned (the work page's "Bị trả lại" counter) until the office reports again.
    const listed = async () =>
      (await t.http.get(`/v1/tasks?plan=${w.planId}`).set(bearer(w.leader))).body.items.find((x: { id: string }) => x.id === id);
    await expect(listed()).resolves.toMatchObject({ returned: true, status: 'IN_PROGRESS' });

    // Accepting with nothing awaiting is a state conflict, and writes nothing.
    const early = await t.http.post(`${path}/completion/accept`).set(bearer(w.leader)).send({});
    expect(early.status).toBe(409);
    expect(early.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(early.body.code).toBe('NOT_AWAITING_ACCEPTANCE');

    await write(
      `${path}/completion`,
      officer,
      { note: 'Bổ sung minh chứng', evidence: [{ documentNumber: '120/BC-UBND', url: 'https://example.vn/bc-120' }] },
      201,
      8,
    );
    await expect(listed()).resolves.toMatchObject({ returned: false, status: 'AWAITING_ACCEPTANCE' });
    await write(`${path}/completion/accept`, w.leader, { note: 'Đạt' }, 200, 9);
    view = await getTask(id, w.leader);
    expect(view.body).toMatchObject({
      status: 'DONE_ON_TIME',
      completedOn: today,
      dueOn: '2027-06-30',
      originalDueOn: '2027-03-31',
      version: 9,
    });
    expect(view.headers.etag).toBe('"9"');

    // Completed: no more progress, no second completion.
    const after = await t.http.post(`${path}/progress`).set(bearer(officer)).send({ note: 'thêm' });
    expect(after.status).toBe(409);
    expect(after.body.code).toBe('TASK_ALREADY_COMPLETED');

    const events = await expectStatus(t.http.get(`${path}/events`).set(bearer(w.leader)), 200);
    expect(events.body.items.map((e: { type: string }) => e.type)).toEqual([
      'TaskAssigned',
      'TaskAcknowledged',
      'ProgressReported',
      'ExtensionRequested',
      'ExtensionGranted',
      'CompletionReported',
      'CompletionReturned',
      'CompletionReported',
      'CompletionAccepted',
    ]);
    expect(events.body.items.map((e: { version: number }) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(events.body.items[3].actor).toMatchObject({ role: 'officer', office: w.nv });
    expect(events.body.items[4].actor).toMatchObject({ role: 'leader', office: w.district });
    expect(await log.count(`task-${id}`)).toBe(9);
  });

  it('an extension can be denied: the deadline stays', async () => {
    const w = await districtWithPlan(t);
    const id = await assignTask(t, w);
    const officer = w.officer(w.nv);
    const req = await write(
      `/v1/tasks/${id}/extension-requests`,
      officer,
      { deadlinePhrase: 'Trong Quý II 2027', reason: 'Thiếu kinh phí' },
      201,
      2,
    );
    await write(`/v1/tasks/${id}/extension-requests/${req.body.requestId}/deny`, w.leader, { reason: 'Không đủ căn cứ' }, 200, 3);
    const view = await getTask(id, w.leader);
    expect(view.body).toMatchObject({ dueOn: '2027-03-31', originalDueOn: '2027-03-31', extended: false, version: 3 });
    expect(view.body.extensions).toEqual([
      expect.objectContaining({
        requestId: req.body.requestId,
        requestedDueOn: '2027-06-30',
        phrase: 'Trong Quý II 2027',
        status: 'denied',
      }),
    ]);
    // A decided request cannot be granted afterwards.
    const late = await t.http.post(`/v1/tasks/${id}/extension-requests/${req.body.requestId}/grant`).set(bearer(w.leader)).send({});
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('EXTENSION_NOT_PENDING');
    expect(await log.count(`task-${id}`)).toBe(3);
  });

  it('cancel → reopen', async () => {
    const w = await districtWithPlan(t);
    const id = await assignTask(t, w);
    await write(`/v1/tasks/${id}/cancel`, w.leader, { reason: 'Không còn phù hợp' }, 200, 2);
    let view = await getTask(id, w.leader);
    expect(view.body).toMatchObject({ status: 'CANCELLED', version: 2 });
    expect(view.body.cancelled).toBeTruthy();

    const refused = await t.http
      .post(`/v1/tasks/${id}/progress`)
      .set(bearer(w.officer(w.nv)))
      .send({ note: 'x' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('TASK_CANCELLED');

    await write(`/v1/tasks/${id}/reopen`, w.leader, { reason: 'Tiếp tục thực hiện' }, 200, 3);
    view = await getTask(id, w.leader);
    expect(view.body).toMatchObject({ status: 'IN_PROGRESS', dueOn: '2027-03-31', version: 3 });
    expect(view.body.cancelled).toBeFalsy();
    const events = await expectStatus(t.http.get(`/v1/tasks/${id}/events`).set(bearer(w.leader)), 200);
    expect(events.body.items.map((e: { type: string }) => e.type)).toEqual(['TaskAssigned', 'TaskCancelled', 'TaskReopened']);

    // An open task cannot be reopened.
    const again = await t.http.post(`/v1/tasks/${id}/reopen`).set(bearer(w.leader)).send({ reason: 'lại' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('TASK_NOT_REOPENABLE');
  });

  it('reassign: the lead moves; the old lead officer is refused, the new one reports', async () => {
    const w = await districtWithPlan(t);
    const id = await assignTask(t, w);
    await write(`/v1/tasks/${id}/reassign`, w.leader, { lead: w.tc, reason: 'Đúng chức năng' }, 200, 2);
    const view = await getTask(id, w.leader);
    expect(view.body).toMatchObject({ lead: w.tc, version: 2 });

    const old = await t.http
      .post(`/v1/tasks/${id}/completion`)
      .set(bearer(w.officer(w.nv)))
      .send({ note: 'Xong' });
    expect(old.status).toBe(403);
    expect(old.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(old.body.code).toBe('NOT_LEAD_OFFICE');
    expect(await log.count(`task-${id}`)).toBe(2);

    await write(`/v1/tasks/${id}/completion`, w.officer(w.tc), { note: 'Xong' }, 201, 3);
    const events = await expectStatus(t.http.get(`/v1/tasks/${id}/events`).set(bearer(w.leader)), 200);
    expect(events.body.items[1]).toMatchObject({ type: 'TaskReassigned', data: { from: w.nv, to: w.tc, cause: 'reassigned' } });

    const same = await t.http.post(`/v1/tasks/${id}/reassign`).set(bearer(w.leader)).send({ lead: w.tc, reason: 'x' });
    expect(same.status).toBe(400);
    expect(same.body.code).toBe('SAME_LEAD_OFFICE');
  });

  it('office merge: open tasks move to the successor, completed ones stay', async () => {
    const w = await districtWithPlan(t);
    const open1 = await assignTask(t, w);
    const open2 = await assignTask(t, w, { dueOn: '2027-05-31' });
    const done = await assignTask(t, w);
    await write(`/v1/tasks/${done}/completion`, w.officer(w.nv), { note: 'Xong' }, 201, 2);
    await write(`/v1/tasks/${done}/completion/accept`, w.leader, {}, 200, 3);

    const merged = await expectStatus(
      t.http.post(`/v1/offices/${w.nv}/merge`).set(bearer(w.admin)).send({ into: w.vp, reason: 'Sắp xếp tổ chức bộ máy 2025' }),
      200,
    );
    expect(merged.body).toMatchObject({ code: w.nv, into: w.vp, version: 2 });
    expect([...merged.body.movedTasks].sort()).toEqual([open1, open2].sort());

    for (const id of [open1, open2]) {
      const view = await getTask(id, w.leader);
      expect(view.body).toMatchObject({ lead: w.vp, status: 'IN_PROGRESS', version: 2 });
      const events = await expectStatus(t.http.get(`/v1/tasks/${id}/events`).set(bearer(w.leader)), 200);
      expect(events.body.items[1]).toMatchObject({ type: 'TaskReassigned', data: { from: w.nv, to: w.vp, cause: 'officeMerged' } });
    }
    const stayed = await getTask(done, w.leader);
    expect(stayed.body).toMatchObject({ lead: w.nv, status: 'DONE_ON_TIME', version: 3 });

    const office = await expectStatus(t.http.get(`/v1/offices/${w.nv}`).set(bearer(w.admin)), 200);
    expect(office.body).toMatchObject({ code: w.nv, status: 'merged', mergedInto: w.vp });

    // The successor's officer now reports on the moved task.
    await write(`/v1/tasks/${open1}/progress`, w.officer(w.vp), { note: 'Tiếp nhận' }, 201, 3);
  });

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

  describe('GET /v1/tasks filters and paging', () => {
    let w: PlanWorld;
    let otherPlan: string;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      w = await districtWithPlan(t);
      const plan2 = await expectStatus(
        t.http
          .post('/v1/plans')
          .set(bearer(w.leader))
          .send({ issuer: w.district, title: 'Kế hoạch thứ hai', period: { from: '2026-11-01', to: '2027-12-31' } }),
        201,
      );
      otherPlan = plan2.body.id;
      ids.nv = await assignTask(t, w, { lead: w.nv, dueOn: '2027-03-31', criterion: '1.3.2' });
      ids.tc = await assignTask(t, w, { lead: w.tc, dueOn: '2027-09-30', criterion: '2.1' });
      ids.commune = await assignTask(t, w, { lead: w.commune, dueOn: '2027-01-31', criterion: '1.3' });
      ids.nvOther = await assignTask(t, { ...w, planId: otherPlan }, { lead: w.nv, dueOn: '2027-12-31', criterion: '1.30' });
      const old = await expectStatus(
        t.http
          .post(`/v1/plans/${w.planId}/tasks`)
          .set(bearer(w.admin))
          .set('Occurred-At', '2024-01-15T09:00:00+07:00')
          .send({ title: 'Quá hạn', lead: w.vp, dueOn: '2024-03-31' }),
        201,
      );
      ids.vpOverdue = old.body.tasks[0].id;
    });

    const list = async (query: string, token = w.leader) => {
      const res = await expectStatus(t.http.get(`/v1/tasks?${query}`).set(bearer(token)), 200);
      return res.body as { items: { id: string; status: string; lead: string }[]; nextCursor: string | null };
    };
    const idsOf = (body: { items: { id: string }[] }) => body.items.map((i) => i.id).sort();

    it('office = the subtree of that office', async () => {
      expect(idsOf(await list(`office=${w.district}`))).toEqual(Object.values(ids).sort());
      expect(idsOf(await list(`office=${w.nv}`))).toEqual([ids.nv, ids.nvOther].sort());
      // Without office, a leader sees its own subtree only.
      expect(idsOf(await list(''))).toEqual(Object.values(ids).sort());
    });

    it('status', async () => {
      const overdue = await list(`office=${w.district}&status=OVERDUE`);
      expect(idsOf(overdue)).toEqual([ids.vpOverdue]);
      expect(overdue.items[0]).toMatchObject({ status: 'OVERDUE', lead: w.vp });
      expect(idsOf(await list(`office=${w.district}&status=IN_PROGRESS`))).toEqual([ids.nv, ids.tc, ids.commune, ids.nvOther].sort());
      expect((await list(`office=${w.district}&status=DONE_LATE`)).items).toEqual([]);
    });

    it('plan', async () => {
      expect(idsOf(await list(`plan=${otherPlan}`))).toEqual([ids.nvOther]);
      expect(idsOf(await list(`plan=${w.planId}`))).toEqual([ids.nv, ids.tc, ids.commune, ids.vpOverdue].sort());
    });

    it('criterion: that code and the codes under it', async () => {
      expect(idsOf(await list(`office=${w.district}&criterion=1.3`))).toEqual([ids.nv, ids.commune].sort());
      expect(idsOf(await list(`office=${w.district}&criterion=1.3.2`))).toEqual([ids.nv]);
    });

    it('dueBefore (strictly before)', async () => {
      expect(idsOf(await list(`office=${w.district}&dueBefore=2027-03-31`))).toEqual([ids.commune, ids.vpOverdue].sort());
      expect(idsOf(await list(`office=${w.district}&dueBefore=2027-04-01`))).toEqual([ids.nv, ids.commune, ids.vpOverdue].sort());
    });

    it('an officer sees its own office; another district is 404, as a missing office', async () => {
      expect(idsOf(await list('', w.officer(w.tc)))).toEqual([ids.tc]);
      const other = await registerDistrict(t);
      const res = await t.http.get(`/v1/tasks?office=${w.district}`).set(bearer(other.leader));
      // Another district's office reads as a missing one (issue 13, item 11).
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body.code).toBe('OFFICE_NOT_FOUND');
      expect((await list('', other.leader)).items).toEqual([]);
    });

    it('limit + cursor page through every task once', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      const sizes: number[] = [];
      do {
        const page = await list(`office=${w.district}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        sizes.push(page.items.length);
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor && sizes.length < 10);
      expect(sizes).toEqual([2, 2, 1]);
      expect(new Set(seen).size).toBe(5);
      expect([...seen].sort()).toEqual(Object.values(ids).sort());
      const all = await list(`office=${w.district}&limit=5`);
      expect(all.items).toHaveLength(5);
      expect(all.nextCursor).toBeNull();
    });
  });
});
