// The world of the report specs (test/reports.e2e-spec.ts, test/index-frameworks.e2e-spec.ts) and their calls.
import { TestApp, bearer, startTestApp } from './test-app';
import { province2024 } from './province-2024';

/**
 * Reports through HTTP. Province QNG with districts SH (SH-NV, SH-VP) and BS (BS-NV); one plan
 * of the province adopted by a directive; tasks assigned on 15/1/2024 (admin back-fill):
 *   T1 SH-NV due 31/3, completed 30/3 (accepted 2/4)  → on time
 *   T2 SH-NV due 31/3, open                              → overdue from 1/4
 *   T5 SH-NV due 15/3, completed 15/3 (accepted)         → on time
 *   T3 SH-VP due 30/4, open                              → in progress on 10/4
 *   T4 BS-NV due 31/3, open                              → overdue from 1/4
 */
export async function reportsWorld(): Promise<{ t: TestApp; planId: string; ids: Record<string, string>; knownBeforeCompletion: string }> {
  const t = await startTestApp();
  const ids: Record<string, string> = {};
  const admin = () => bearer(t.token('admin', 'QNG'));
  const at = (instant: string) => ({ ...admin(), 'Occurred-At': instant });
  try {
    const { planId } = await province2024(t);
    const assign = async (name: string, lead: string, dueOn: string, criterion: string) => {
      const r = await t.http
        .post(`/v1/plans/${planId}/tasks`)
        .set(at('2024-01-15T09:00:00+07:00'))
        .send({ title: `Nhiệm vụ ${name}`, lead, dueOn, criterion });
      expect(r.status).toBe(201);
      ids[name] = r.body.tasks[0].id;
    };
    await assign('T1', 'SH-NV', '2024-03-31', '1.3.2');
    await assign('T2', 'SH-NV', '2024-03-31', '7.3.3.2');
    await assign('T3', 'SH-VP', '2024-04-30', '1.1');
    await assign('T4', 'BS-NV', '2024-03-31', '2.1');
    await assign('T5', 'SH-NV', '2024-03-15', '1.2');
    await new Promise((r) => setTimeout(r, 20));
    const knownBeforeCompletion = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    const complete = async (name: string, on: string, acceptedAt: string) => {
      const reported = await t.http
        .post(`/v1/tasks/${ids[name]}/completion`)
        .set(at(`${on}T10:00:00+07:00`))
        .send({ completedOn: on, note: 'Đã hoàn thành' });
      expect(reported.status).toBeLessThan(300);
      const accepted = await t.http.post(`/v1/tasks/${ids[name]}/completion/accept`).set(at(acceptedAt)).send({});
      expect(accepted.status).toBeLessThan(300);
    };
    await complete('T1', '2024-03-30', '2024-04-02T10:00:00+07:00');
    await complete('T5', '2024-03-15', '2024-03-16T10:00:00+07:00');
    const measured = await t.http
      .post(`/v1/plans/${planId}/targets/HL/measurements`)
      .set(admin())
      .send({ value: '88.08', asOf: '2024-03-31', source: 'SIPAS' });
    expect(measured.status).toBe(201);
    return { t, planId, ids, knownBeforeCompletion };
  } catch (e) {
    await t.close();
    throw e;
  }
}

/** `app` is read at call time: the specs start their app in beforeAll. */
export function reportCalls(app: () => TestApp) {
  const admin = () => bearer(app().token('admin', 'QNG'));
  const get = (path: string, role: 'admin' | 'leader' | 'officer' | 'inspector' = 'leader', office = 'QNG') =>
    app()
      .http.get(path)
      .set(bearer(app().token(role, office)));
  return { admin, get };
}
