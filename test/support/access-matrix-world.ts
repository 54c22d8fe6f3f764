// The access matrix's world, shared by test/access-matrix-*.e2e-spec.ts: the fixture both districts make,
// the route and refusal types, and what a refusal must not leak.
import { TestApp, bearer } from './test-app';
import { PlanWorld, assignTask, districtWithPlan, expectStatus, fresh, tasksInEveryState } from './e2e-world';

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
export type Kind = 'admin' | 'leader' | 'officer' | 'recorder';
export type Method = 'post' | 'patch';

export interface Fixture {
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
export interface Variant {
  name: string;
  token: (t: TestApp, f: Fixture) => string;
  path?: (f: Fixture) => string;
  body: (f: Fixture) => object;
  code: string;
  /** 403 unless said: a reference out of scope that reads as a missing one is a 400. */
  status?: 400;
}

export interface Route {
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

export const task = (
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

export const aLeader = (_t: TestApp, f: Fixture) => f.a.leader;
export const PERIOD = { from: '2026-11-01', to: '2027-12-31' };
export const INSPECTION_PERIOD = { from: '2026-11-01', to: '2099-12-31' };
export const AREAS = [{ code: '1', name: 'Công tác chỉ đạo, điều hành', max: '10' }];

/** District A with tasks in every state, an index framework, a registered officer and an inspection; district B with a task. */
export async function matrixFixture(t: TestApp): Promise<Fixture> {
  const a = await districtWithPlan(t);
  const b = await districtWithPlan(t);
  const framework = `F${fresh()}`;
  await expectStatus(
    t.http.post('/v1/index-frameworks').set(bearer(a.admin)).send({ code: framework, year: 2026, level: 'district', areas: AREAS }),
    201,
  );
  return {
    a,
    b,
    framework,
    bTask: await assignTask(t, b),
    user: await officerUser(t, a),
    ...(await tasksInEveryState(t, a)),
    ...(await inspectionOf(t, a)),
  };
}

export async function inspectionOf(t: TestApp, a: PlanWorld): Promise<Pick<Fixture, 'inspection' | 'findingOpen' | 'findingResolved'>> {
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
export async function officerUser(t: TestApp, a: PlanWorld): Promise<string> {
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
export const secretsOf = (f: Fixture): string[] => [
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
