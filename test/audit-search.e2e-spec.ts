import { TestApp, bearer, startTestApp } from './support/test-app';
import { PlanWorld, assignTask, districtWithPlan, expectStatus } from './support/e2e-world';

interface Hit {
  kind: 'office' | 'plan' | 'task';
  id: string;
  title: string;
  office: string | null;
  matched: string | null;
}

/** GET /v1/audit/search: an inspector finds offices, plans and tasks of its subtree by words, code, criterion or document number. */
describe('search for inspectors (e2e)', () => {
  let t: TestApp;
  let a: PlanWorld;
  let b: PlanWorld;
  let taskA: string;
  let taskB: string;

  beforeAll(async () => {
    t = await startTestApp();
    a = await districtWithPlan(t);
    b = await districtWithPlan(t);
    taskA = await assignTask(t, a, { title: `Số hóa hồ sơ một cửa ${a.tag}`, criterion: '4.2.7' });
    taskB = await assignTask(t, b, { title: `Số hóa hồ sơ một cửa ${b.tag}`, criterion: '4.2.7' });
    for (const [w, id] of [
      [a, taskA],
      [b, taskB],
    ] as const) {
      await expectStatus(
        t.http
          .post(`/v1/tasks/${id}/completion`)
          .set(bearer(w.officer(w.nv)))
          .send({ note: 'Xong', evidence: [{ documentNumber: `88/BC-${w.tag}` }] }),
        201,
      );
    }
  }, 60_000);

  afterAll(() => t?.close());

  const search = async (q: string, token: string): Promise<Hit[]> =>
    (await expectStatus(t.http.get('/v1/audit/search').query({ q }).set(bearer(token)), 200)).body.items;

  it('finds a task by words of its title, by criterion and by a document number of its evidence, within the subtree only', async () => {
    const byWords = await search('số hóa hồ sơ', a.inspector);
    expect(byWords.filter((h) => h.kind === 'task').map((h) => h.id)).toContain(taskA);
    expect(byWords.map((h) => h.id)).not.toContain(taskB);
    const byCriterion = await search('4.2', a.inspector);
    expect(byCriterion).toContainEqual(expect.objectContaining({ kind: 'task', id: taskA, matched: '4.2.7', office: a.nv }));
    expect(byCriterion.map((h) => h.id)).not.toContain(taskB);
    expect(await search(`88/bc-${a.tag}`, a.inspector)).toEqual([
      expect.objectContaining({ kind: 'task', id: taskA, matched: `88/BC-${a.tag}` }),
    ]);
    expect(await search(`88/BC-${b.tag}`, a.inspector)).toEqual([]);
  });

  it('finds a plan by its directive number and an office by its code', async () => {
    expect(await search(a.directiveNumber, a.inspector)).toContainEqual(
      expect.objectContaining({ kind: 'plan', id: a.planId, matched: a.directiveNumber, office: a.district }),
    );
    expect(await search(b.directiveNumber, a.inspector)).toEqual([]);
    expect(await search(a.nv, a.inspector)).toContainEqual(expect.objectContaining({ kind: 'office', id: a.nv, office: a.district }));
    expect(await search(b.nv, a.inspector)).toEqual([]);
    // An admin sees every district.
    expect((await search(b.nv, a.admin)).map((h) => h.id)).toContain(b.nv);
  });

  it('takes % and _ as letters, refuses a word too short, and is for inspectors and admins only', async () => {
    expect(await search('%%', a.inspector)).toEqual([]);
    const short = await t.http.get('/v1/audit/search?q=a').set(bearer(a.inspector));
    expect(short.status).toBe(400);
    expect(JSON.stringify(short.body)).toContain('q');
    expect((await t.http.get('/v1/audit/search?q=hồ sơ').set(bearer(a.leader))).status).toBe(403);
    expect((await t.http.get('/v1/audit/search?q=hồ sơ').set(bearer(a.officer(a.nv)))).status).toBe(403);
    expect((await t.http.get('/v1/audit/search?q=hồ sơ')).status).toBe(401);
  });
});
