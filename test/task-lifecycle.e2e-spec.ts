import { TestApp, bearer, startTestApp } from './support/test-app';
import { taskCalls } from './support/task-calls';
import { EventLog, PROBLEM_JSON, assignTask, districtWithPlan, expectStatus, todayLocal } from './support/e2e-world';

/**
 * A task's whole life over HTTP: assignment, acknowledgement, progress, extension, completion
 * returned then accepted; cancel/reopen, reassignment, office merge. The shapes of assignment are in
 * task-assignment.e2e-spec.ts, the list's filters in task-list.e2e-spec.ts.
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

  const { getTask, write } = taskCalls(() => t);

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
});
