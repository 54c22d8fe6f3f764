import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { TestApp, bearer } from './test-app';
import { countEvents, storedEvents } from '@dondoc/event-store/postgres/testing/stored-events';

/** A short fresh tag: every test takes its own office codes, numbers and ids. */
export const fresh = (): string => randomUUID().replace(/-/g, '').slice(0, 8).toUpperCase();

/** Today's local date in Asia/Ho_Chi_Minh (what the API calls "today"). */
export function todayLocal(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Direct reads of the log, to prove that a refused request wrote nothing. */
export class EventLog {
  private constructor(private readonly client: Client) {}

  static async open(databaseUrl: string): Promise<EventLog> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    return new EventLog(client);
  }

  /** Events in one stream, or in the whole log when no stream is named. */
  async count(streamId?: string): Promise<number> {
    return countEvents(this.client, streamId === undefined ? {} : { streamId });
  }

  async types(streamId: string): Promise<string[]> {
    return (await storedEvents(this.client, { streamId })).map((r) => r.type);
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

export interface District {
  tag: string;
  /** UBND-X: the district. */
  district: string;
  /** Phòng Nội vụ, Văn phòng, Phòng Tài chính, and a commune: children of the district. */
  nv: string;
  vp: string;
  tc: string;
  commune: string;
  leader: string;
  admin: string;
  inspector: string;
  officer(office: string): string;
}

/** Registers a district with four children (as admin) and hands out tokens for it. */
export async function registerDistrict(t: TestApp, tag = fresh()): Promise<District> {
  const admin = t.token('admin', 'ROOT');
  const district = `UBND-${tag}`;
  const children = { nv: `${tag}-NV`, vp: `${tag}-VP`, tc: `${tag}-TC`, commune: `${tag}-XA` };
  await expectStatus(
    t.http
      .post('/v1/offices')
      .set(bearer(admin))
      .send({ code: district, name: `UBND huyện ${tag}`, level: 'district' }),
    201,
  );
  for (const [key, code] of Object.entries(children)) {
    await expectStatus(
      t.http
        .post('/v1/offices')
        .set(bearer(admin))
        .send({ code, name: `${key} ${tag}`, parent: district, level: key === 'commune' ? 'commune' : 'office' }),
      201,
    );
  }
  return {
    tag,
    district,
    ...children,
    leader: t.token('leader', district),
    admin,
    inspector: t.token('inspector', district),
    officer: (office) => t.token('officer', office),
  };
}

export interface PlanWorld extends District {
  directiveId: string;
  directiveNumber: string;
  planId: string;
}

/** A district, a directive of its UBND and a plan adopted under it (2026-11 to 2027-12). */
export async function districtWithPlan(t: TestApp, tag = fresh()): Promise<PlanWorld> {
  const d = await registerDistrict(t, tag);
  const directiveNumber = `${Math.floor(Math.random() * 9000) + 1000}/QĐ-UBND-${tag}`;
  const directive = await expectStatus(
    t.http
      .post('/v1/directives')
      .set(bearer(d.leader))
      .send({ number: directiveNumber, kind: 'Quyết định', issuedOn: '2026-11-01', issuer: d.district, title: `Kế hoạch CCHC ${tag}` }),
    201,
  );
  const plan = await expectStatus(
    t.http
      .post('/v1/plans')
      .set(bearer(d.leader))
      .send({
        directiveId: directive.body.id,
        issuer: d.district,
        title: `Kế hoạch khắc phục ${tag}`,
        period: { from: '2026-11-01', to: '2027-12-31' },
        targets: [{ code: 'CT-1', name: 'Tỷ lệ hồ sơ đúng hạn', unit: 'percent', comparator: 'atLeast', value: 95 }],
      }),
    201,
  );
  return { ...d, directiveId: directive.body.id, directiveNumber, planId: plan.body.id };
}

/** Assigns one task (leader of the district) and returns its id. */
export async function assignTask(t: TestApp, w: PlanWorld, body: Record<string, unknown> = {}): Promise<string> {
  const res = await expectStatus(
    t.http
      .post(`/v1/plans/${w.planId}/tasks`)
      .set(bearer(w.leader))
      .send({ title: `Nhiệm vụ ${fresh()}`, lead: w.nv, dueOn: '2027-03-31', ...body }),
    201,
  );
  return res.body.tasks[0].id;
}

/** Awaits a request and fails with its body when the status is not the one expected. */
export async function expectStatus<T extends { status: number; body: unknown }>(req: PromiseLike<T>, status: number): Promise<T> {
  const res = await req;
  if (res.status !== status) {
    throw new Error(`expected HTTP ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return res;
}

export const PROBLEM_JSON = /^application\/problem\+json/;

/** Tasks in each state a write route can meet: for the route matrices (access, bad input). */
export interface TasksInEveryState {
  /** Open, no extension pending. */
  open: string;
  /** An extension request pending. */
  pending: string;
  requestId: string;
  /** A completion report awaiting acceptance. */
  awaiting: string;
  cancelled: string;
}

export async function tasksInEveryState(t: TestApp, w: PlanWorld): Promise<TasksInEveryState> {
  const open = await assignTask(t, w);
  const pending = await assignTask(t, w);
  const req = await expectStatus(
    t.http
      .post(`/v1/tasks/${pending}/extension-requests`)
      .set(bearer(w.officer(w.nv)))
      .send({ dueOn: '2027-06-30', reason: 'Xin gia hạn' }),
    201,
  );
  const awaiting = await assignTask(t, w);
  await expectStatus(
    t.http
      .post(`/v1/tasks/${awaiting}/completion`)
      .set(bearer(w.officer(w.nv)))
      .send({ note: 'Xong' }),
    201,
  );
  const cancelled = await assignTask(t, w);
  await expectStatus(t.http.post(`/v1/tasks/${cancelled}/cancel`).set(bearer(w.leader)).send({ reason: 'Hủy' }), 200);
  return { open, pending, requestId: (req.body as { requestId: string }).requestId, awaiting, cancelled };
}
