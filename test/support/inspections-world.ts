// The world of the inspection specs (test/inspections*.e2e-spec.ts), back-filled in 2024, and the calls they share.
import { EventLog } from './e2e-world';
import { TestApp, bearer, startTestApp } from './test-app';

/**
 * Inspections and findings through HTTP (issue 20). A district D with its Phòng Nội vụ (NV, the
 * inspecting office) and three inspected offices (VP, TC, XA); another district O. The loop is
 * back-filled by an admin (Occurred-At) in 2024:
 *   plan P (10/1) with target KT "offices inspected" ≥ 3; inspection of VP, TC, XA in March;
 *   visits 5/3, 6/3, 7/3; conclusion 15/KL on 10/3; findings recorded 10/3:
 *     F1 VP 1.3   → task due 30/4, completed 25/4 (accepted 26/4)  → remedied on time
 *     F2 TC 1.3   → task due 15/4, completed 20/4 (accepted 22/4)  → remedied late
 *     F3 XA 2.1   → task due 20/4, open                            → overdue from 21/4
 *     F4 VP 2.1   → withdrawn 15/3                                 → left out of every count
 *     F5 XA 2.1.1 → no task                                        → open, never due
 * Hand-computed at asOf 15/5/2024: recorded 4, on time 1, late 1, overdue 1, open 1, due 3,
 * withdrawn 1; remediation 2/4 = 50.00 %, on time 1/3 = 33.33 %, overdue 1/3 = 33.33 %;
 * offices 3/3 inspected; KT actual 3 against 3 → 100.00 %, met.
 */
export interface InspectionsWorld {
  t: TestApp;
  log: EventLog;
  planId: string;
  inspectionId: string;
  /** Findings by name (F1…F5). */
  f: Record<string, string>;
  /** Remediation tasks by finding name. */
  tasks: Record<string, string>;
  /** An instant between raising the remediation and completing it, and the findings report live then. */
  knownAtRemediation: string;
  liveAtRemediation: Record<string, unknown>;
}

/** The offices of the world, by a fresh tag: district D (NV inspecting; VP, TC, XA inspected), another district O. */
export function inspectionOffices(tag: string) {
  const [NV, VP, TC, XA] = ['NV', 'VP', 'TC', 'XA'].map((s) => `${tag}-${s}`);
  return { D: `UBND-${tag}`, NV, VP, TC, XA, O: `UBND-O${tag}`, ONV: `O${tag}-NV` };
}

export const ok = <R extends { status: number; body: unknown }>(r: R, status: number): R => {
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r;
};
export const pause = () => new Promise((r) => setTimeout(r, 25));
export const rate = (numerator: number, denominator: number, percent: string | null) => ({ numerator, denominator, percent });

/** `app` is read at call time: the specs start their app in beforeAll. */
export function inspectionCalls(app: () => TestApp) {
  const admin = () => bearer(app().token('admin', 'ROOT'));
  const at = (instant: string) => ({ ...admin(), 'Occurred-At': instant });
  const as = (role: 'leader' | 'officer' | 'inspector' | 'admin', office: string) => bearer(app().token(role, office));
  return { admin, at, as };
}

export async function inspectionsWorld(tag: string): Promise<InspectionsWorld> {
  const { D, NV, VP, TC, XA, O, ONV } = inspectionOffices(tag);
  const f: Record<string, string> = {};
  const tasks: Record<string, string> = {};
  const t = await startTestApp();
  const log = await EventLog.open(t.databaseUrl);
  const { admin, at, as } = inspectionCalls(() => t);
  try {
    for (const [code, name, parent] of [
      [D, `UBND huyện ${tag}`, undefined],
      [NV, 'Phòng Nội vụ', D],
      [VP, 'Văn phòng HĐND và UBND', D],
      [TC, 'Phòng Tài chính - Kế hoạch', D],
      [XA, 'UBND xã Sơn Hạ', D],
      [O, `UBND huyện O${tag}`, undefined],
      [ONV, 'Phòng Nội vụ huyện khác', O],
    ] as const) {
      ok(
        await t.http
          .post('/v1/offices')
          .set(admin())
          .send({ code, name, ...(parent ? { parent } : {}) }),
        201,
      );
    }
    const plan = await t.http
      .post('/v1/plans')
      .set(at('2024-01-10T09:00:00+07:00'))
      .send({
        issuer: D,
        title: 'Kế hoạch khắc phục tồn tại CCHC năm 2024',
        period: { from: '2024-01-01', to: '2024-12-31' },
        targets: [{ code: 'KT', name: 'Số cơ quan, đơn vị được kiểm tra', unit: 'count', comparator: 'atLeast', value: 3 }],
      });
    const planId = ok(plan, 201).body.id;
    const inspection = await t.http
      .post('/v1/inspections')
      .set(at('2024-02-01T09:00:00+07:00'))
      .send({
        code: 'KT-01',
        title: 'Kiểm tra CCHC năm 2024',
        inspectingOffice: NV,
        offices: [VP, TC, XA],
        period: { from: '2024-03-01', to: '2024-03-31' },
        criteria: ['1.3', '2.1'],
        plan: planId,
        target: 'KT',
      });
    const inspectionId = ok(inspection, 201).body.id;
    for (const [office, on] of [
      [VP, '2024-03-05'],
      [TC, '2024-03-06'],
      [XA, '2024-03-07'],
    ]) {
      ok(
        await t.http
          .post(`/v1/inspections/${inspectionId}/conducted`)
          .set(at(`${on}T15:00:00+07:00`))
          .send({ office, on }),
        200,
      );
    }
    ok(
      await t.http
        .post(`/v1/inspections/${inspectionId}/conclude`)
        .set(at('2024-03-10T09:00:00+07:00'))
        .send({ documentNumber: '15/KL-UBND', concludedOn: '2024-03-10' }),
      200,
    );
    for (const [name, office, criterion] of [
      ['F1', VP, '1.3'],
      ['F2', TC, '1.3'],
      ['F3', XA, '2.1'],
      ['F4', VP, '2.1'],
      ['F5', XA, '2.1.1'],
    ]) {
      const r = await t.http
        .post(`/v1/inspections/${inspectionId}/findings`)
        .set(at('2024-03-10T10:00:00+07:00'))
        .send({
          office,
          criterion,
          severity: name === 'F1' ? 'major' : 'minor',
          description: `Tồn tại ${name}`,
          requirement: `Khắc phục ${name}`,
        });
      f[name] = ok(r, 201).body.findingId;
    }
    for (const [name, lead, dueOn] of [
      ['F1', VP, '2024-04-30'],
      ['F2', TC, '2024-04-15'],
      ['F3', XA, '2024-04-20'],
    ]) {
      const r = await t.http
        .post(`/v1/findings/${f[name]}/remediation`)
        .set(at('2024-03-12T09:00:00+07:00'))
        .send({ title: `Khắc phục ${name}`, lead, dueOn, criterion: '1.3' });
      tasks[name] = ok(r, 201).body.tasks[0].id;
    }
    ok(await t.http.post(`/v1/findings/${f.F4}/withdraw`).set(at('2024-03-15T09:00:00+07:00')).send({ reason: 'Ghi trùng với F1' }), 200);
    // The record as the inspector saw it right after the remediation was raised and F4 withdrawn.
    await pause();
    const liveAtRemediation: Record<string, unknown> = ok(
      await t.http.get('/v1/reports/findings?asOf=2024-05-15').set(as('inspector', D)),
      200,
    ).body;
    const knownAtRemediation = new Date().toISOString();
    await pause();
    const complete = async (name: string, on: string, acceptedAt: string) => {
      ok(
        await t.http
          .post(`/v1/tasks/${tasks[name]}/completion`)
          .set(at(`${on}T10:00:00+07:00`))
          .send({ completedOn: on, note: 'Đã khắc phục' }),
        201,
      );
      ok(await t.http.post(`/v1/tasks/${tasks[name]}/completion/accept`).set(at(acceptedAt)).send({}), 200);
    };
    await complete('F1', '2024-04-25', '2024-04-26T10:00:00+07:00');
    await complete('F2', '2024-04-20', '2024-04-22T10:00:00+07:00');
    return { t, log, planId, inspectionId, f, tasks, knownAtRemediation, liveAtRemediation };
  } catch (e) {
    await log.close();
    await t.close();
    throw e;
  }
}
