import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { PostgresEventStore } from '@dondoc/event-store';
import { TestApp, TEST_JWT_SECRET, bearer, startTestApp } from './support/test-app';
import {
  EventLog,
  PROBLEM_JSON,
  PlanWorld,
  assignTask,
  districtWithPlan,
  expectStatus,
  fresh,
  tasksInEveryState,
  todayLocal,
} from './support/e2e-world';

/**
 * Every write route × every way of being refused: 401 for a missing or bad token, 403 for the
 * wrong role or outside one's subtree. Each refusal is problem+json with a code, names nothing of
 * district A that the request did not name itself, and writes nothing: neither the route's stream
 * nor the log as a whole grows. Issue 13, items 8–11:
 * - 8, across districts: another district's leader on every route, and per route the bodies that
 *   name another district's plan, directive or offices;
 * - 9, self-approval: the head of the lead office (a leader token of the lead office itself) on
 *   every leader route, decisions on tasks included;
 * - 10, reference data: index frameworks are registered and amended by admins only;
 * - 11, reads: what is out of scope answers exactly as what is missing.
 * The rows are checked against the OpenAPI document: a new write route without a row fails here.
 */

/** `recorder`: an inspection's records (visits, conclusion, findings): its inspecting office and inspectors over it (issue 20). */
type Kind = 'admin' | 'leader' | 'officer' | 'recorder';
type Method = 'post' | 'patch';

interface Fixture {
  a: PlanWorld;
  /** An officer of A's Phòng Tài chính, registered by the admin: the users routes act on it. */
  user: string;
  /** Another district, with its own directive and plan, and a task in it. */
  b: PlanWorld;
  bTask: string;
  /** Open, no extension pending: acknowledge, progress, extension request, deadline, completion, reassign, cancel. */
  open: string;
  /** An extension request pending. */
  pending: string;
  requestId: string;
  /** A completion report awaiting acceptance. */
  awaiting: string;
  cancelled: string;
  /** An index framework version registered by the admin: `${framework}/2026/district`. */
  framework: string;
  /** An inspection of A (by A-NV, of A-VP and the commune), a finding open and one resolved. */
  inspection: string;
  findingOpen: string;
  findingResolved: string;
}

/** A request by someone entitled to the route in general, naming something out of its scope. */
interface Variant {
  name: string;
  token: (t: TestApp, f: Fixture) => string;
  path?: (f: Fixture) => string;
  body: (f: Fixture) => object;
  code: string;
  /** 403 unless said: a reference out of scope that reads as a missing one is a 400. */
  status?: 400;
}

interface Route {
  /** As the OpenAPI document names it: method and path template. */
  name: string;
  method?: Method;
  kind: Kind;
  /** A decision on a task: for a leader strictly above the lead office (item 9). */
  decision?: boolean;
  path: (f: Fixture) => string;
  body: (f: Fixture) => object;
  /** The stream the route would write to (checked besides the log as a whole). */
  stream?: (f: Fixture) => string;
  variants?: Variant[];
}

const task = (
  pick: (f: Fixture) => string,
  suffix: string,
  kind: Kind,
  body: (f: Fixture) => object,
  more: Partial<Route> = {},
): Route => ({
  name: `POST /v1/tasks/{id}/${suffix.replace('REQ', '{requestId}')}`,
  kind,
  decision: kind === 'leader',
  path: (f) => `/v1/tasks/${pick(f)}/${suffix.replace('REQ', f.requestId)}`,
  body,
  stream: (f) => `task-${pick(f)}`,
  ...more,
});

const aLeader = (_t: TestApp, f: Fixture) => f.a.leader;
const PERIOD = { from: '2026-11-01', to: '2027-12-31' };
const INSPECTION_PERIOD = { from: '2026-11-01', to: '2099-12-31' };
const AREAS = [{ code: '1', name: 'Công tác chỉ đạo, điều hành', max: '10' }];

const ROUTES: Route[] = [
  {
    name: 'POST /v1/offices',
    kind: 'admin',
    path: () => '/v1/offices',
    body: (f) => ({ code: `N-${fresh()}`, name: 'Phòng mới', parent: f.a.district }),
  },
  {
    name: 'POST /v1/offices/{code}/merge',
    kind: 'admin',
    path: (f) => `/v1/offices/${f.a.tc}/merge`,
    body: (f) => ({ into: f.a.vp, reason: 'Sắp xếp bộ máy' }),
    stream: (f) => `office-${f.a.tc}`,
  },
  ...(
    [
      ['rename', { name: 'Tên mới' }],
      ['move', { parent: null }],
      ['close', { reason: 'Giải thể' }],
    ] as const
  ).map(([suffix, body]): Route => ({
    name: `POST /v1/offices/{code}/${suffix}`,
    kind: 'admin',
    path: (f) => `/v1/offices/${f.a.commune}/${suffix}`,
    body: () => body,
    stream: (f) => `office-${f.a.commune}`,
  })),
  {
    name: 'POST /v1/directives',
    kind: 'leader',
    path: () => '/v1/directives',
    body: (f) => ({ number: `${fresh()}/QĐ-UBND`, kind: 'Quyết định', issuedOn: '2026-10-01', issuer: f.a.district, title: 'Quyết định' }),
    variants: [
      {
        name: 'issued in the name of another district',
        token: aLeader,
        body: (f) => ({ number: `${fresh()}/QĐ-UBND`, kind: 'Quyết định', issuedOn: '2026-10-01', issuer: f.b.district, title: 'x' }),
        code: 'OUTSIDE_SUBTREE',
      },
    ],
  },
  {
    name: 'POST /v1/plans',
    kind: 'leader',
    path: () => '/v1/plans',
    // With a code: the code's claim must not be written when the plan is refused.
    body: (f) => ({ code: `KH-${fresh()}`, issuer: f.a.district, title: 'Kế hoạch', period: PERIOD }),
    variants: [
      {
        name: 'issued by another district',
        token: aLeader,
        body: (f) => ({ code: `KH-${fresh()}`, issuer: f.b.district, title: 'x', period: PERIOD }),
        code: 'OUTSIDE_SUBTREE',
      },
      {
        name: 'citing another district’s directive',
        token: aLeader,
        body: (f) => ({ code: `KH-${fresh()}`, directiveId: f.b.directiveId, issuer: f.a.district, title: 'x', period: PERIOD }),
        code: 'DIRECTIVE_OUTSIDE_SCOPE',
      },
      {
        name: 'followed up by another district’s office',
        token: aLeader,
        body: (f) => ({ code: `KH-${fresh()}`, issuer: f.a.district, followUp: f.b.vp, title: 'x', period: PERIOD }),
        code: 'OUTSIDE_SUBTREE',
      },
    ],
  },
  {
    name: 'POST /v1/plans/{id}/targets/{code}/measurements',
    kind: 'leader',
    path: (f) => `/v1/plans/${f.a.planId}/targets/CT-1/measurements`,
    body: () => ({ value: '96.5', asOf: '2026-11-01', source: '117/BC-UBND' }),
    stream: (f) => `plan-${f.a.planId}`,
  },
  {
    name: 'POST /v1/plans/{id}/tasks',
    kind: 'leader',
    path: (f) => `/v1/plans/${f.a.planId}/tasks`,
    body: (f) => ({ title: 'Nhiệm vụ', lead: f.a.nv, dueOn: '2027-03-31' }),
    variants: [
      // The reported hole: B adds a task led by its own office to A's plan, by id.
      {
        name: 'another district’s leader, its own office as lead',
        token: (_t, f) => f.b.leader,
        body: (f) => ({ title: 'x', lead: f.b.nv, dueOn: '2027-03-31' }),
        code: 'OUTSIDE_SUBTREE',
      },
      {
        name: 'supported by another district’s office',
        token: aLeader,
        body: (f) => ({ title: 'x', lead: f.a.nv, supporting: [f.a.vp, f.b.vp], dueOn: '2027-03-31' }),
        code: 'OUTSIDE_SUBTREE',
      },
      {
        name: 'followed up by another district’s office',
        token: aLeader,
        body: (f) => ({ title: 'x', lead: f.a.nv, followUp: f.b.vp, dueOn: '2027-03-31' }),
        code: 'OUTSIDE_SUBTREE',
      },
      {
        name: 'led by another district’s office',
        token: aLeader,
        body: (f) => ({ title: 'x', lead: [f.a.nv, f.b.nv], dueOn: '2027-03-31' }),
        code: 'OUTSIDE_SUBTREE',
      },
      {
        name: 'a sub-task of another district’s task',
        token: aLeader,
        body: (f) => ({ title: 'x', lead: f.a.nv, parentTaskId: f.bTask, dueOn: '2027-03-31' }),
        code: 'UNKNOWN_PARENT_TASK',
        status: 400,
      },
      {
        name: 'led by the leader’s own office (it could not decide on it)',
        token: aLeader,
        body: (f) => ({ title: 'x', lead: f.a.district, dueOn: '2027-03-31' }),
        code: 'LEAD_OFFICE_MAY_NOT_DECIDE',
      },
    ],
  },
  task(
    (f) => f.open,
    'acknowledge',
    'officer',
    () => ({}),
  ),
  task(
    (f) => f.open,
    'progress',
    'officer',
    () => ({ note: 'Đang thực hiện', percent: 10 }),
  ),
  task(
    (f) => f.open,
    'extension-requests',
    'officer',
    () => ({ dueOn: '2027-06-30', reason: 'Xin gia hạn' }),
  ),
  task(
    (f) => f.pending,
    'extension-requests/REQ/grant',
    'leader',
    () => ({ note: 'Đồng ý' }),
  ),
  task(
    (f) => f.pending,
    'extension-requests/REQ/deny',
    'leader',
    () => ({ reason: 'Không đồng ý' }),
  ),
  task(
    (f) => f.open,
    'deadline',
    'leader',
    () => ({ dueOn: '2027-05-31', reason: 'Điều chỉnh' }),
  ),
  task(
    (f) => f.open,
    'completion',
    'officer',
    () => ({ note: 'Hoàn thành' }),
  ),
  task(
    (f) => f.awaiting,
    'completion/accept',
    'leader',
    () => ({ note: 'Đạt' }),
  ),
  task(
    (f) => f.awaiting,
    'completion/return',
    'leader',
    () => ({ reason: 'Chưa đạt' }),
  ),
  task(
    (f) => f.open,
    'reassign',
    'leader',
    (f) => ({ lead: f.a.tc, reason: 'Đúng chức năng' }),
    {
      variants: [
        { name: 'to another district’s office', token: aLeader, body: (f) => ({ lead: f.b.nv, reason: 'x' }), code: 'OUTSIDE_SUBTREE' },
        {
          name: 'to the leader’s own office',
          token: aLeader,
          body: (f) => ({ lead: f.a.district, reason: 'x' }),
          code: 'LEAD_OFFICE_MAY_NOT_DECIDE',
        },
      ],
    },
  ),
  task(
    (f) => f.open,
    'cancel',
    'leader',
    () => ({ reason: 'Không còn phù hợp' }),
  ),
  task(
    (f) => f.cancelled,
    'reopen',
    'leader',
    () => ({ reason: 'Tiếp tục' }),
  ),
  { name: 'POST /v1/digests/run', kind: 'admin', path: () => '/v1/digests/run', body: () => ({ week: '2026-W45' }) },
  { name: 'POST /v1/imports', kind: 'admin', path: () => '/v1/imports', body: () => ({}) },
  {
    name: 'POST /v1/index-frameworks',
    kind: 'admin',
    path: () => '/v1/index-frameworks',
    body: () => ({ code: `F${fresh()}`, year: 2026, level: 'district', areas: AREAS }),
  },
  {
    name: 'PATCH /v1/index-frameworks/{code}/{year}/{level}',
    method: 'patch',
    kind: 'admin',
    path: (f) => `/v1/index-frameworks/${f.framework}/2026/district`,
    body: () => ({ name: 'Đính chính', reason: 'Theo quyết định công bố' }),
    stream: (f) => `indexFramework-${f.framework}:2026:district`,
  },
  {
    name: 'POST /v1/index-frameworks/{code}/{year}/{level}/scores',
    kind: 'leader',
    path: (f) => `/v1/index-frameworks/${f.framework}/2026/district/scores`,
    body: (f) => ({ unit: f.a.district, scores: { '1': '8' } }),
    stream: (f) => `indexFramework-${f.framework}:2026:district`,
    variants: [
      {
        name: 'for another district',
        token: aLeader,
        body: (f) => ({ unit: f.b.district, scores: { '1': '8' } }),
        code: 'OUTSIDE_SUBTREE',
      },
    ],
  },
  // Users (issue 15): a leader manages officers of its subtree only; the user is an officer of A-TC.
  {
    name: 'POST /v1/users',
    kind: 'leader',
    path: () => '/v1/users',
    body: (f) => ({ username: `u.${fresh().toLowerCase()}`, name: 'Cán bộ', grants: [{ role: 'officer', office: f.a.tc }] }),
  },
  ...(['grants', 'grants/revoke'] as const).map((suffix): Route => ({
    name: `POST /v1/users/{id}/${suffix}`,
    kind: 'leader',
    path: (f) => `/v1/users/${f.user}/${suffix}`,
    body: (f) => ({ role: 'officer', office: f.a.tc }),
    stream: (f) => `user-${f.user}`,
  })),
  {
    name: 'POST /v1/users/{id}/disable',
    kind: 'leader',
    path: (f) => `/v1/users/${f.user}/disable`,
    body: () => ({ reason: 'Nghỉ việc' }),
    stream: (f) => `user-${f.user}`,
  },
  {
    name: 'POST /v1/users/{id}/enable',
    kind: 'leader',
    path: (f) => `/v1/users/${f.user}/enable`,
    body: () => ({}),
    stream: (f) => `user-${f.user}`,
  },
  // Inspections (issue 20): leaders plan, reschedule, cancel and raise remediation; the inspecting office and inspectors record.
  {
    name: 'POST /v1/inspections',
    kind: 'leader',
    path: () => '/v1/inspections',
    body: (f) => ({ title: 'Kiểm tra', inspectingOffice: f.a.nv, offices: [f.a.vp, f.a.commune], period: INSPECTION_PERIOD }),
    variants: [
      {
        name: 'of another district’s office',
        token: aLeader,
        body: (f) => ({ title: 'x', inspectingOffice: f.a.nv, offices: [f.a.vp, f.b.vp], period: INSPECTION_PERIOD }),
        code: 'OUTSIDE_SUBTREE',
      },
      {
        name: 'in another district’s plan',
        token: aLeader,
        body: (f) => ({ title: 'x', inspectingOffice: f.a.nv, offices: [f.a.vp], period: INSPECTION_PERIOD, plan: f.b.planId }),
        code: 'PLAN_OUTSIDE_SUBTREE',
      },
    ],
  },
  ...(['reschedule', 'cancel'] as const).map((suffix): Route => ({
    name: `POST /v1/inspections/{id}/${suffix}`,
    kind: 'leader',
    path: (f) => `/v1/inspections/${f.inspection}/${suffix}`,
    body: () =>
      suffix === 'cancel' ? { reason: 'Trùng lịch' } : { period: { ...INSPECTION_PERIOD, to: '2099-11-30' }, reason: 'Lùi lịch' },
    stream: (f) => `inspection-${f.inspection}`,
  })),
  {
    name: 'POST /v1/inspections/{id}/conducted',
    kind: 'recorder',
    path: (f) => `/v1/inspections/${f.inspection}/conducted`,
    body: (f) => ({ office: f.a.vp, on: todayLocal() }),
    stream: (f) => `inspection-${f.inspection}`,
  },
  {
    name: 'POST /v1/inspections/{id}/conclude',
    kind: 'recorder',
    path: (f) => `/v1/inspections/${f.inspection}/conclude`,
    body: () => ({ documentNumber: '15/KL-UBND', concludedOn: todayLocal() }),
    stream: (f) => `inspection-${f.inspection}`,
  },
  {
    name: 'POST /v1/inspections/{id}/findings',
    kind: 'recorder',
    path: (f) => `/v1/inspections/${f.inspection}/findings`,
    body: (f) => ({ office: f.a.vp, severity: 'minor', description: 'Chưa niêm yết', requirement: 'Niêm yết' }),
  },
  {
    name: 'POST /v1/inspections/{id}/findings/import',
    kind: 'recorder',
    path: (f) => `/v1/inspections/${f.inspection}/findings/import`,
    body: () => ({}),
  },
  ...(['resolve', 'reopen', 'withdraw'] as const).map((suffix): Route => ({
    name: `POST /v1/findings/{id}/${suffix}`,
    kind: 'recorder',
    path: (f) => `/v1/findings/${suffix === 'reopen' ? f.findingResolved : f.findingOpen}/${suffix}`,
    body: () => (suffix === 'resolve' ? { note: 'Đã khắc phục' } : { reason: 'Lý do' }),
    stream: (f) => `finding-${suffix === 'reopen' ? f.findingResolved : f.findingOpen}`,
  })),
  {
    name: 'POST /v1/findings/{id}/remediation',
    kind: 'leader',
    path: (f) => `/v1/findings/${f.findingOpen}/remediation`,
    body: (f) => ({ title: 'Khắc phục', lead: f.a.vp, dueOn: '2027-03-31' }),
    stream: (f) => `finding-${f.findingOpen}`,
    variants: [
      {
        name: 'in another district’s plan',
        token: aLeader,
        body: (f) => ({ title: 'x', lead: f.a.vp, dueOn: '2027-03-31', plan: f.b.planId }),
        code: 'OUTSIDE_SUBTREE',
      },
    ],
  },
  {
    name: 'POST /v1/users/{id}/password-reset',
    kind: 'leader',
    path: (f) => `/v1/users/${f.user}/password-reset`,
    body: () => ({}),
    stream: (f) => `user-${f.user}`,
  },
];

const claims = (f: Fixture) => ({ sub: 'someone', role: 'leader' as const, office: f.a.district });
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

interface Case {
  name: string;
  status: 401 | 403;
  /** null: no Authorization header. */
  token: (t: TestApp, f: Fixture, kind: Kind) => string | null;
  /** The kinds of route the case applies to (default: all). */
  only?: Kind[];
  /** The code expected, when the case has one of its own. */
  code?: (route: Route) => string | undefined;
}

const CASES: Case[] = [
  { name: 'no token', status: 401, token: () => null, code: () => 'UNAUTHENTICATED' },
  {
    name: 'bad signature',
    status: 401,
    token: (_t, f) => jwt.sign(claims(f), 'another-secret-that-is-long-enough-0123456789', { algorithm: 'HS256', expiresIn: '1h' }),
  },
  {
    name: 'alg none',
    status: 401,
    token: (_t, f) =>
      `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims(f), role: 'admin', exp: Math.floor(Date.now() / 1000) + 3600 })}.`,
  },
  {
    name: 'expired token',
    status: 401,
    token: (_t, f) => jwt.sign({ ...claims(f), exp: Math.floor(Date.now() / 1000) - 60 }, TEST_JWT_SECRET, { algorithm: 'HS256' }),
  },
  {
    name: 'wrong role',
    status: 403,
    // admin routes: the district's own leader; leader routes: the lead office's officer; officer routes: the district's leader;
    // recorder routes: an inspected office, which never records about itself.
    token: (t, f, kind) =>
      kind === 'admin'
        ? t.token('leader', f.a.district)
        : kind === 'leader'
          ? t.token('officer', f.a.nv)
          : kind === 'recorder'
            ? t.token('officer', f.a.vp)
            : t.token('leader', f.a.district),
  },
  // Item 8.
  { name: 'leader of another district', status: 403, token: (t, f) => t.token('leader', f.b.district) },
  // Item 9: the head of the lead office reports and asks (officer routes), but decides nothing.
  {
    name: 'head of the lead office (a leader token of the lead office)',
    status: 403,
    token: (t, f) => t.token('leader', f.a.nv),
    only: ['leader', 'admin'],
    code: (route) => (route.decision ? 'LEAD_OFFICE_MAY_NOT_DECIDE' : route.kind === 'leader' ? 'OUTSIDE_SUBTREE' : undefined),
  },
  // Item 10: reference data and operations are for admins, whatever the leader's level.
  {
    name: 'leader of another district on an admin route',
    status: 403,
    token: (t, f) => t.token('leader', f.b.district),
    only: ['admin'],
    code: () => undefined,
  },
  // On leader and admin routes an officer is the wrong-role case already.
  { name: 'officer of another office', status: 403, token: (t, f) => t.token('officer', f.a.tc), only: ['officer', 'recorder'] },
  {
    name: 'inspector of the district',
    status: 403,
    token: (t, f) => t.token('inspector', f.a.district),
    only: ['admin', 'leader', 'officer'],
  },
  // Inspectors record inspections (issue 20), within their subtree only.
  { name: 'inspector of another district', status: 403, token: (t, f) => t.token('inspector', f.b.district), only: ['recorder'] },
];

/** An inspection of A by A-NV of A-VP and the commune, with one finding open and one resolved. */
async function inspectionOf(t: TestApp, a: PlanWorld): Promise<Pick<Fixture, 'inspection' | 'findingOpen' | 'findingResolved'>> {
  const planned = await expectStatus(
    t.http
      .post('/v1/inspections')
      .set(bearer(a.leader))
      .send({ title: 'Kiểm tra CCHC', inspectingOffice: a.nv, offices: [a.vp, a.commune], period: INSPECTION_PERIOD, plan: a.planId }),
    201,
  );
  const record = async () =>
    (
      await expectStatus(
        t.http
          .post(`/v1/inspections/${planned.body.id}/findings`)
          .set(bearer(a.officer(a.nv)))
          .send({ office: a.vp, severity: 'major', description: 'Tồn tại', requirement: 'Khắc phục' }),
        201,
      )
    ).body.findingId as string;
  const [findingOpen, findingResolved] = [await record(), await record()];
  await expectStatus(
    t.http
      .post(`/v1/findings/${findingResolved}/resolve`)
      .set(bearer(a.officer(a.nv)))
      .send({ note: 'Đã khắc phục' }),
    200,
  );
  return { inspection: planned.body.id, findingOpen, findingResolved };
}

/** A registered officer of A-TC (made by the admin), for the users routes. */
async function officerUser(t: TestApp, a: PlanWorld): Promise<string> {
  const res = await expectStatus(
    t.http
      .post('/v1/users')
      .set(bearer(a.admin))
      .send({ username: `cb.${fresh().toLowerCase()}`, name: 'Cán bộ Tài chính', grants: [{ role: 'officer', office: a.tc }] }),
    201,
  );
  return res.body.id;
}

/** Everything of district A a refusal could leak: ids, numbers, office codes. */
const secretsOf = (f: Fixture): string[] => [
  f.a.planId,
  f.a.directiveId,
  f.a.directiveNumber,
  f.open,
  f.pending,
  f.awaiting,
  f.cancelled,
  f.requestId,
  f.a.district,
  f.a.nv,
  f.a.vp,
  f.a.tc,
  f.a.commune,
  f.inspection,
  f.findingOpen,
  f.findingResolved,
];

describe('access matrix: every write route refuses what it must, and writes nothing (e2e)', () => {
  let t: TestApp;
  let log: EventLog;
  let f: Fixture;

  beforeAll(async () => {
    t = await startTestApp();
    log = await EventLog.open(t.databaseUrl);
    const a = await districtWithPlan(t);
    const b = await districtWithPlan(t);
    const framework = `F${fresh()}`;
    await expectStatus(
      t.http.post('/v1/index-frameworks').set(bearer(a.admin)).send({ code: framework, year: 2026, level: 'district', areas: AREAS }),
      201,
    );
    f = {
      a,
      b,
      framework,
      bTask: await assignTask(t, b),
      user: await officerUser(t, a),
      ...(await tasksInEveryState(t, a)),
      ...(await inspectionOf(t, a)),
    };
  }, 60_000);

  afterAll(async () => {
    await log?.close();
    await t?.close();
  });

  /** Sends the request; checks the refusal, that nothing was written, and that nothing of A leaked. */
  async function expectRefused(route: Route, token: string | null, path: string, body: object, status: number, code?: string) {
    const stream = route.stream?.(f);
    const before = { all: await log.count(), stream: stream ? await log.count(stream) : 0 };

    let req = t.http[route.method ?? 'post'](path).set('Content-Type', 'application/json');
    if (token !== null) req = req.set(bearer(token));
    const sent = JSON.stringify(body);
    const res = await req.send(sent);

    expect({ status: res.status, code: res.body?.code }).toEqual({ status, code: code ?? expect.any(String) });
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(res.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
    // No stream version is handed out for a refusal.
    expect(res.headers.etag ?? '').not.toMatch(/^"\d+"$/);
    expect(await log.count()).toBe(before.all);
    if (stream) expect(await log.count(stream)).toBe(before.stream);
    // The answer names nothing of district A that the request (its token included) did not name itself.
    const own = token ? ((jwt.decode(token) as { office?: string } | null)?.office ?? '') : '';
    const asked = `${path} ${sent} ${own}`;
    const answer = JSON.stringify(res.body);
    expect(secretsOf(f).filter((s) => !asked.includes(s) && answer.includes(s))).toEqual([]);
  }

  it('every write route of the OpenAPI document has a row in this matrix, and every row a route', async () => {
    const doc = await expectStatus(t.http.get('/docs-json'), 200);
    const writes = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) =>
        Object.keys(ops)
          .filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
          .map((m) => `${m.toUpperCase()} ${path}`),
      )
      // The multipart upload (no JSON body, open to officers and leaders alike) has its own matrix
      // of who may call it in test/files.e2e-spec.ts.
      .filter((name) => name.includes(' /v1/') && name !== 'POST /v1/files');
    const rows = ROUTES.map((r) => r.name);
    // The caller's own sign-in, session and first run are no matter of role: test/sign-in.e2e-spec.ts, first-run.e2e-spec.ts.
    const own = ['POST /v1/auth/sign-in', 'POST /v1/auth/sign-out', 'POST /v1/auth/grant', 'POST /v1/auth/password', 'POST /v1/auth/setup'];
    expect(writes.filter((w) => !rows.includes(w) && !own.includes(w))).toEqual([]);
    expect(rows.filter((r) => !writes.includes(r))).toEqual([]);
  });

  describe.each(ROUTES.map((r) => [r.name, r] as const))('%s', (_name, route) => {
    const applicable = CASES.filter((c) => !c.only || c.only.includes(route.kind)).map((c) => [c.name, c] as const);

    it.each(applicable)('%s', async (_case, c) => {
      await expectRefused(route, c.token(t, f, route.kind), route.path(f), route.body(f), c.status, c.code?.(route));
    });

    const variants = (route.variants ?? []).map((v) => [v.name, v] as const);
    if (variants.length) {
      it.each(variants)('out of scope in the body or path: %s', async (_v, v) => {
        await expectRefused(route, v.token(t, f), (v.path ?? route.path)(f), v.body(f), v.status ?? 403, v.code);
      });
    }
  });

  it('the fixtures still accept the rightful actor (the refusals above were about the actor, not the state)', async () => {
    const leader = f.a.leader;
    const officer = f.a.officer(f.a.nv);
    const ok = async (path: string, token: string, body: object, status: number) =>
      expectStatus(t.http.post(path).set(bearer(token)).send(body), status);
    await ok(`/v1/tasks/${f.open}/acknowledge`, officer, {}, 200);
    await ok(`/v1/tasks/${f.open}/progress`, officer, { note: 'Đang làm' }, 201);
    await ok(`/v1/tasks/${f.pending}/extension-requests/${f.requestId}/grant`, leader, {}, 200);
    await ok(`/v1/tasks/${f.awaiting}/completion/accept`, leader, {}, 200);
    await ok(`/v1/tasks/${f.cancelled}/reopen`, leader, { reason: 'Tiếp tục' }, 200);
    await ok(`/v1/plans/${f.a.planId}/targets/CT-1/measurements`, leader, { value: '96.5', asOf: '2026-11-01' }, 201);
    await ok(
      `/v1/plans/${f.a.planId}/tasks`,
      leader,
      { title: 'Hoạt động', lead: f.a.vp, supporting: [f.a.tc], followUp: f.a.vp, parentTaskId: f.open, dueOn: '2027-03-31' },
      201,
    );
    await ok(`/v1/index-frameworks/${f.framework}/2026/district/scores`, leader, { unit: f.a.district, scores: { '1': '8' } }, 201);
    await expectStatus(
      t.http.patch(`/v1/index-frameworks/${f.framework}/2026/district`).set(bearer(f.a.admin)).send({ name: 'Đính chính', reason: 'x' }),
      200,
    );
    await ok(`/v1/offices/${f.a.tc}/merge`, f.a.admin, { into: f.a.vp, reason: 'Sắp xếp' }, 200);
    // An admin may write anywhere, recorded under its own identity.
    const res = await ok(`/v1/tasks/${f.open}/deadline`, f.a.admin, { dueOn: '2027-05-31', reason: 'Hiệu chỉnh' }, 200);
    const trail = await expectStatus(t.http.get(`/v1/tasks/${f.open}/events`).set(bearer(f.a.admin)), 200);
    expect(trail.body.items[trail.body.items.length - 1]).toMatchObject({
      type: 'DeadlineChanged',
      version: res.body.version,
      actor: { role: 'admin', userId: 'admin-ROOT' },
    });
  });

  it('the head of the lead office reports and asks like its officers (item 9)', async () => {
    const id = await assignTask(t, f.a);
    const head = t.token('leader', f.a.nv);
    await expectStatus(t.http.post(`/v1/tasks/${id}/acknowledge`).set(bearer(head)).send({}), 200);
    await expectStatus(t.http.post(`/v1/tasks/${id}/progress`).set(bearer(head)).send({ note: 'Trưởng phòng báo cáo' }), 201);
    await expectStatus(
      t.http.post(`/v1/tasks/${id}/extension-requests`).set(bearer(head)).send({ dueOn: '2027-06-30', reason: 'Xin gia hạn' }),
      201,
    );
    await expectStatus(t.http.post(`/v1/tasks/${id}/completion`).set(bearer(head)).send({ note: 'Hoàn thành' }), 201);
    // …and its own report waits for the district, not for itself.
    const self = await t.http.post(`/v1/tasks/${id}/completion/accept`).set(bearer(head)).send({});
    expect({ status: self.status, code: self.body.code }).toEqual({ status: 403, code: 'LEAD_OFFICE_MAY_NOT_DECIDE' });
    await expectStatus(t.http.post(`/v1/tasks/${id}/completion/accept`).set(bearer(f.a.leader)).send({}), 200);
  });

  it('a leader of the district may not act on a task of another district (403, by id)', async () => {
    const other = await districtWithPlan(t);
    const id = await assignTask(t, other);
    const before = await log.count(`task-${id}`);
    const res = await t.http.post(`/v1/tasks/${id}/cancel`).set(bearer(f.a.leader)).send({ reason: 'x' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('OUTSIDE_SUBTREE');
    expect(await log.count(`task-${id}`)).toBe(before);
  });

  it('plan codes are unique per issuer, and the conflict names no other plan (item 8)', async () => {
    const code = `KH-${fresh()}`;
    const plan = (w: PlanWorld) =>
      t.http.post('/v1/plans').set(bearer(w.leader)).send({ code, issuer: w.district, title: 'Kế hoạch', period: PERIOD });
    const first = await expectStatus(plan(f.a), 201);
    // Another district numbers its plans as it likes.
    const theirs = await expectStatus(plan(f.b), 201);
    const again = await plan(f.a);
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'PLAN_CODE_TAKEN' });
    expect(JSON.stringify(again.body)).not.toContain(first.body.id);
    expect(JSON.stringify(again.body)).not.toContain(theirs.body.id);
  });

  it('a plan code claimed while codes were global still holds it for its own issuer, and only for it', async () => {
    // A claim as the first releases wrote it: one stream per code, whatever the issuer.
    const code = `KH-${fresh()}`;
    const old = await expectStatus(
      t.http.post('/v1/plans').set(bearer(f.a.leader)).send({ issuer: f.a.district, title: 'Kế hoạch cũ', period: PERIOD }),
      201,
    );
    const store = new PostgresEventStore(new Pool({ connectionString: t.databaseUrl, max: 1 }));
    try {
      const metadata = {
        actor: { userId: 'leader-old', role: 'leader', office: f.a.district },
        correlationId: randomUUID(),
        causationId: randomUUID(),
      };
      await store.append(
        `planCode-${code}`,
        [{ eventId: randomUUID(), type: 'PlanCodeClaimed', data: { code, planId: old.body.id }, metadata, occurredAt: new Date() }],
        'noStream',
      );
    } finally {
      await store.close();
    }
    const plan = (w: PlanWorld) =>
      t.http.post('/v1/plans').set(bearer(w.leader)).send({ code, issuer: w.district, title: 'Kế hoạch', period: PERIOD });
    const again = await plan(f.a);
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'PLAN_CODE_TAKEN' });
    expect(JSON.stringify(again.body)).not.toContain(old.body.id);
    await expectStatus(plan(f.b), 201);
  });

  it('reads need a token too', async () => {
    for (const path of ['/v1/tasks', `/v1/tasks/${f.open}`, `/v1/tasks/${f.open}/events`, `/v1/plans/${f.a.planId}`, '/v1/offices']) {
      const res = await t.http.get(path);
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 401, code: 'UNAUTHENTICATED' });
    }
  });

  describe('reads: out of scope answers exactly as missing (item 11)', () => {
    interface Read {
      name: string;
      path: (id: string, f: Fixture) => string;
      /** The id of one of district A's resources, and one that does not exist. */
      ids: (f: Fixture) => [string, string];
      token: (t: TestApp, f: Fixture) => string;
    }
    const MISSING = () => randomUUID();
    const B_LEADER = (tt: TestApp, ff: Fixture) => tt.token('leader', ff.b.district);
    const B_INSPECTOR = (tt: TestApp, ff: Fixture) => tt.token('inspector', ff.b.district);
    const READS: Read[] = [
      { name: 'GET /v1/tasks/{id}', path: (id) => `/v1/tasks/${id}`, ids: (ff) => [ff.pending, MISSING()], token: B_LEADER },
      {
        name: 'GET /v1/tasks/{id} (officer of another office)',
        path: (id) => `/v1/tasks/${id}`,
        ids: (ff) => [ff.pending, MISSING()],
        token: (tt, ff) => tt.token('officer', ff.a.commune),
      },
      { name: 'GET /v1/tasks/{id}/events', path: (id) => `/v1/tasks/${id}/events`, ids: (ff) => [ff.pending, MISSING()], token: B_LEADER },
      { name: 'GET /v1/tasks?plan=', path: (id) => `/v1/tasks?plan=${id}`, ids: (ff) => [ff.a.planId, MISSING()], token: B_LEADER },
      { name: 'GET /v1/plans/{id}', path: (id) => `/v1/plans/${id}`, ids: (ff) => [ff.a.planId, MISSING()], token: B_LEADER },
      {
        name: 'GET /v1/reports/completion?plan=',
        path: (id) => `/v1/reports/completion?plan=${id}`,
        ids: (ff) => [ff.a.planId, MISSING()],
        token: B_LEADER,
      },
      {
        name: 'GET /v1/reports/overdue?plan=',
        path: (id) => `/v1/reports/overdue?plan=${id}`,
        ids: (ff) => [ff.a.planId, MISSING()],
        token: B_LEADER,
      },
      {
        name: 'GET /v1/reports/targets?plan=',
        path: (id) => `/v1/reports/targets?plan=${id}`,
        ids: (ff) => [ff.a.planId, MISSING()],
        token: B_LEADER,
      },
      {
        name: 'GET /v1/reports/completion?directive=',
        path: (id) => `/v1/reports/completion?directive=${id}`,
        ids: (ff) => [ff.a.directiveId, MISSING()],
        token: B_LEADER,
      },
      {
        name: 'GET /v1/plans/{id}/areas',
        path: (id, ff) => `/v1/plans/${id}/areas?framework=${ff.framework}&year=2026&level=district`,
        ids: (ff) => [ff.a.planId, MISSING()],
        token: B_LEADER,
      },
      { name: 'GET /v1/tasks?office=', path: (id) => `/v1/tasks?office=${id}`, ids: (ff) => [ff.a.nv, `NO-${fresh()}`], token: B_LEADER },
      {
        name: 'GET /v1/reports/completion?office=',
        path: (id) => `/v1/reports/completion?office=${id}`,
        ids: (ff) => [ff.a.nv, `NO-${fresh()}`],
        token: B_LEADER,
      },
      {
        name: 'GET /v1/audit/events?office=',
        path: (id) => `/v1/audit/events?office=${id}`,
        ids: (ff) => [ff.a.nv, `NO-${fresh()}`],
        token: B_INSPECTOR,
      },
      {
        name: 'GET /v1/digests?office= (officer of another office)',
        path: (id) => `/v1/digests?office=${id}`,
        ids: (ff) => [ff.a.vp, `NO-${fresh()}`],
        token: (tt, ff) => tt.token('officer', ff.a.nv),
      },
      {
        name: 'GET /v1/directives/{id}',
        path: (id) => `/v1/directives/${id}`,
        ids: (ff) => [ff.a.directiveId, MISSING()],
        token: B_LEADER,
      },
      { name: 'GET /v1/offices/{code}', path: (id) => `/v1/offices/${id}`, ids: (ff) => [ff.a.nv, `NO-${fresh()}`], token: B_LEADER },
      {
        name: 'GET /v1/offices/{code} (officer of a sibling office)',
        path: (id) => `/v1/offices/${id}`,
        ids: (ff) => [ff.a.vp, `NO-${fresh()}`],
        token: (tt, ff) => tt.token('officer', ff.a.nv),
      },
      {
        name: 'GET /v1/audit/tasks/{id}/timeline',
        path: (id) => `/v1/audit/tasks/${id}/timeline`,
        ids: (ff) => [ff.pending, MISSING()],
        token: B_INSPECTOR,
      },
      {
        name: 'GET /v1/audit/export?plan=',
        path: (id) => `/v1/audit/export?plan=${id}&format=jsonl`,
        ids: (ff) => [ff.a.planId, MISSING()],
        token: B_INSPECTOR,
      },
      // Inspections (issue 20): another district, and an office the inspection does not cover.
      {
        name: 'GET /v1/inspections/{id}',
        path: (id) => `/v1/inspections/${id}`,
        ids: (ff) => [ff.inspection, MISSING()],
        token: B_INSPECTOR,
      },
      {
        name: 'GET /v1/inspections/{id} (officer of an office not inspected)',
        path: (id) => `/v1/inspections/${id}`,
        ids: (ff) => [ff.inspection, MISSING()],
        token: (tt, ff) => tt.token('officer', ff.a.tc),
      },
      { name: 'GET /v1/findings/{id}', path: (id) => `/v1/findings/${id}`, ids: (ff) => [ff.findingOpen, MISSING()], token: B_LEADER },
      {
        name: 'GET /v1/findings/{id} (another inspected office)',
        path: (id) => `/v1/findings/${id}`,
        ids: (ff) => [ff.findingOpen, MISSING()],
        token: (tt, ff) => tt.token('officer', ff.a.commune),
      },
      {
        name: 'GET /v1/reports/findings?inspection=',
        path: (id) => `/v1/reports/findings?inspection=${id}`,
        ids: (ff) => [ff.inspection, MISSING()],
        token: B_LEADER,
      },
    ];

    it.each(READS.map((r) => [r.name, r] as const))('%s', async (_name, r) => {
      const [theirs, missing] = r.ids(f);
      const token = r.token(t, f);
      const out = await t.http.get(r.path(theirs, f)).set(bearer(token));
      const none = await t.http.get(r.path(missing, f)).set(bearer(token));
      expect({ status: out.status, code: out.body.code }).toEqual({ status: 404, code: expect.any(String) });
      expect({ status: none.status, code: none.body.code }).toEqual({ status: 404, code: out.body.code });
      // Word for word the same answer, but for the id asked about.
      expect(String(out.body.detail).replaceAll(theirs, '?')).toBe(String(none.body.detail).replaceAll(missing, '?'));
      expect(out.headers['content-type']).toMatch(PROBLEM_JSON);
    });

    it('the rightful readers still read them', async () => {
      for (const path of [
        `/v1/tasks/${f.pending}`,
        `/v1/plans/${f.a.planId}`,
        `/v1/directives/${f.a.directiveId}`,
        `/v1/offices/${f.a.nv}`,
        `/v1/tasks?plan=${f.a.planId}`,
      ]) {
        const res = await t.http.get(path).set(bearer(f.a.leader));
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
      }
      expect((await t.http.get(`/v1/tasks?plan=${f.a.planId}`).set(bearer(f.a.leader))).body.items.length).toBeGreaterThan(0);
      expect((await t.http.get(`/v1/offices/${f.a.nv}`).set(bearer(f.a.officer(f.a.nv)))).status).toBe(200);
      expect((await t.http.get(`/v1/audit/tasks/${f.pending}/timeline`).set(bearer(f.a.inspector))).status).toBe(200);
    });
  });
});

/**
 * The same matrix with sessions instead of bearer tokens (issue 15): each token case becomes the
 * session of a registered user holding that grant, signed in by password and writing with its
 * CSRF token, so a refusal is about the actor only. The token-only cases become their session
 * kin: no cookie, a forged cookie, a signed-out session, an idle one.
 */
describe('access matrix with sessions instead of bearer tokens (e2e)', () => {
  let t: TestApp;
  let log: EventLog;
  let f: Fixture;
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  const PASSWORD = 'phiên làm việc 2026';

  beforeAll(async () => {
    t = await startTestApp();
    log = await EventLog.open(t.databaseUrl);
    const a = await districtWithPlan(t);
    const b = await districtWithPlan(t);
    const framework = `F${fresh()}`;
    await expectStatus(
      t.http.post('/v1/index-frameworks').set(bearer(a.admin)).send({ code: framework, year: 2026, level: 'district', areas: AREAS }),
      201,
    );
    f = {
      a,
      b,
      framework,
      bTask: await assignTask(t, b),
      user: await officerUser(t, a),
      ...(await tasksInEveryState(t, a)),
      ...(await inspectionOf(t, a)),
    };
  }, 60_000);

  afterAll(async () => {
    await log?.close();
    await t?.close();
  });

  async function sessionFor(role: string, office: string, fresh_ = false): Promise<{ cookie: string; csrf: string }> {
    const key = `${role}:${office}`;
    if (!fresh_ && sessions.has(key)) return sessions.get(key)!;
    const username = `m.${fresh().toLowerCase()}`;
    await expectStatus(
      t.http
        .post('/v1/users')
        .set(bearer(t.token('admin', 'ROOT')))
        .send({ username, name: 'Người dùng', grants: [{ role, office }], password: PASSWORD }),
      201,
    );
    const res = await expectStatus(t.http.post('/v1/auth/sign-in').send({ username, password: PASSWORD }), 200);
    const set = res.headers['set-cookie'] as unknown as string[];
    const value = (name: string) =>
      set
        .find((c) => c.startsWith(`${name}=`))!
        .split(';')[0]
        .slice(name.length + 1);
    const session = {
      cookie: `dondoc_session=${value('dondoc_session')}; dondoc_csrf=${value('dondoc_csrf')}`,
      csrf: value('dondoc_csrf'),
    };
    if (!fresh_) sessions.set(key, session);
    return session;
  }

  /** The session standing for a case (null: no cookie at all). */
  async function sessionOf(c: Case, kind: Kind): Promise<{ cookie: string; csrf: string } | null> {
    if (c.name === 'no token') return null;
    if (c.name === 'bad signature') return { cookie: `dondoc_session=${'A'.repeat(43)}; dondoc_csrf=x`, csrf: 'x' };
    if (c.name === 'alg none' || c.name === 'expired token') {
      const s = await sessionFor('leader', f.a.district, true);
      if (c.name === 'alg none')
        await expectStatus(t.http.post('/v1/auth/sign-out').set({ Cookie: s.cookie, 'X-CSRF-Token': s.csrf }), 204);
      else {
        const { Client } = await import('pg');
        const db = new Client({ connectionString: t.databaseUrl });
        await db.connect();
        const id = /dondoc_session=([^;]*)/.exec(s.cookie)![1];
        const { createHash } = await import('node:crypto');
        await db.query(`UPDATE auth_sessions SET last_seen_at = now() - interval '2 hours' WHERE id_hash = $1`, [
          createHash('sha256').update(id).digest('hex'),
        ]);
        await db.end();
      }
      return s;
    }
    const claims = jwt.decode(c.token(t, f, kind)!) as { role: string; office: string };
    return sessionFor(claims.role, claims.office);
  }

  describe.each(ROUTES.map((r) => [r.name, r] as const))('%s', (_name, route) => {
    const applicable = CASES.filter((c) => !c.only || c.only.includes(route.kind)).map((c) => [c.name, c] as const);

    it.each(applicable)('%s', async (_case, c) => {
      const session = await sessionOf(c, route.kind);
      const stream = route.stream?.(f);
      const before = { all: await log.count(), stream: stream ? await log.count(stream) : 0 };
      let req = t.http[route.method ?? 'post'](route.path(f)).set('Content-Type', 'application/json');
      if (session) req = req.set({ Cookie: session.cookie, 'X-CSRF-Token': session.csrf });
      const res = await req.send(JSON.stringify(route.body(f)));

      expect({ status: res.status, code: res.body?.code }).toEqual({ status: c.status, code: expect.any(String) });
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      if (c.status === 401) expect(['UNAUTHENTICATED', 'SESSION_EXPIRED']).toContain(res.body.code);
      expect(await log.count()).toBe(before.all);
      if (stream) expect(await log.count(stream)).toBe(before.stream);
    });
  });

  it('the rightful actor’s session is accepted (the refusals were about the actor)', async () => {
    const officer = await sessionFor('officer', f.a.nv);
    await expectStatus(
      t.http.post(`/v1/tasks/${f.open}/acknowledge`).set({ Cookie: officer.cookie, 'X-CSRF-Token': officer.csrf }).send({}),
      200,
    );
    const leader = await sessionFor('leader', f.a.district);
    await expectStatus(
      t.http
        .post(`/v1/tasks/${f.cancelled}/reopen`)
        .set({ Cookie: leader.cookie, 'X-CSRF-Token': leader.csrf })
        .send({ reason: 'Tiếp tục' }),
      200,
    );
  });
});
