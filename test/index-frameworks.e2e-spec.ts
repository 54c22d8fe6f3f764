import { loadGoldenRates } from '../libs/domain/src/counting/golden.testing';
import { TestApp, bearer } from './support/test-app';
import { reportCalls, reportsWorld } from './support/reports-world';

/** Index frameworks through HTTP (registered, amended, scored, a plan by area), and the report routes in the OpenAPI document. */
let t: TestApp;
let planId: string;
let ids: Record<string, string>;

beforeAll(async () => {
  ({ t, planId, ids } = await reportsWorld());
}, 120_000);

afterAll(() => t?.close());

const { admin, get } = reportCalls(() => t);

describe('index frameworks', () => {
  const par = loadGoldenRates().parIndexDistrict2023;

  it('registers a framework, records scores, and shows a plan by area', async () => {
    const registered = await t.http
      .post('/v1/index-frameworks')
      .set(admin())
      .send({
        code: 'PAR_INDEX',
        year: 2023,
        level: 'district',
        name: 'Chỉ số CCHC cấp huyện',
        areas: par.areas.map(({ code, name, max }) => ({ code, name, max })),
        sipasMax: 28,
      });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ code: 'PAR_INDEX', year: 2023, level: 'district', version: 1 });
    const scores = Object.fromEntries(par.areas.map((a) => [a.code, a.score]));
    const recorded = await t.http
      .post('/v1/index-frameworks/PAR_INDEX/2023/district/scores')
      .set(bearer(t.token('leader', 'QNG')))
      .send({ unit: 'SH', scores, sipas: par.sipasScore, total: par.totalScore, rank: par.rank });
    expect(recorded.status).toBe(201);
    expect(recorded.body.total).toBe('82.84');
    expect(
      (
        await t.http
          .post('/v1/index-frameworks/PAR_INDEX/2023/district/scores')
          .set(bearer(t.token('leader', 'BS')))
          .send({ unit: 'SH', scores })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.http
          .post('/v1/index-frameworks')
          .set(bearer(t.token('officer', 'SH-NV')))
          .send({ code: 'X', year: 2023, level: 'district', areas: [{ code: '1', name: 'a', max: 1 }] })
      ).status,
    ).toBe(403);
    const bad = await t.http.post('/v1/index-frameworks').set(admin()).send({ code: 'X', year: 2023, level: 'ward', areas: [] });
    expect(bad.status).toBe(400);

    const view = await get(
      `/v1/plans/${planId}/areas?framework=PAR_INDEX&year=2023&level=district&unit=SH&asOf=2024-04-10&rounding=truncate`,
    );
    expect(view.status).toBe(200);
    const area1 = view.body.areas.find((a: { code: string }) => a.code === '1');
    expect(area1).toMatchObject({ max: '10.5', score: '9.2', lost: '1.3', attainment: '87.61' });
    expect(area1.tasks.map((x: { title: string; status: string }) => [x.title, x.status])).toEqual([
      ['Nhiệm vụ T3', 'IN_PROGRESS'],
      ['Nhiệm vụ T5', 'DONE_ON_TIME'],
      ['Nhiệm vụ T1', 'DONE_ON_TIME'],
    ]);
    expect(view.body.areas.find((a: { code: string }) => a.code === '7').tasks).toEqual([
      expect.objectContaining({ taskId: ids.T2, status: 'OVERDUE' }),
    ]);
    expect(view.body.total).toMatchObject({ max: '100', score: '82.84' });
    // area names label the completion report's areas
    const byArea = await get('/v1/reports/completion?asOf=2024-04-10&groupBy=area');
    expect(byArea.body.groups[0]).toMatchObject({ key: '1', label: par.areas[0].name });
    const framework = await get('/v1/index-frameworks/PAR_INDEX/2023/district?rounding=truncate');
    expect(framework.body.results[0].areas[0].attainment).toBe('87.61');
    expect((await get(`/v1/plans/${planId}/areas?framework=PAR_INDEX&year=2022&level=district`)).status).toBe(404);
    expect((await get(`/v1/plans/${planId}/areas?framework=PAR_INDEX&year=2023&level=ward`)).body.errors[0].field).toBe('level');
  });

  it('registering and amending are for admins; an amendment supersedes the values the reports use (issue 13, item 10)', async () => {
    const areas = par.areas.map(({ code, name, max }) => ({ code, name, max }));
    const body = { code: 'SIPAS_X', year: 2024, level: 'district', areas };
    // A leader, even of the province, may not register province-wide reference data first.
    for (const token of [t.token('leader', 'QNG'), t.token('leader', 'BS')]) {
      const r = await t.http.post('/v1/index-frameworks').set(bearer(token)).send(body);
      expect({ status: r.status, code: r.body.code }).toEqual({ status: 403, code: 'ROLE_NOT_ALLOWED' });
    }
    expect((await t.http.post('/v1/index-frameworks').set(admin()).send(body)).status).toBe(201);
    const corrected = areas.map((a) => (a.code === '1' ? { ...a, name: 'Công tác chỉ đạo, điều hành CCHC (đính chính)', max: '11' } : a));
    const refused = await t.http
      .patch('/v1/index-frameworks/SIPAS_X/2024/district')
      .set(bearer(t.token('leader', 'QNG')))
      .send({ areas: corrected, reason: 'Đính chính' });
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'ROLE_NOT_ALLOWED' });
    const amended = await t.http
      .patch('/v1/index-frameworks/SIPAS_X/2024/district')
      .set(admin())
      .send({ areas: corrected, reason: 'Đính chính' });
    expect(amended.status).toBe(200);
    expect(amended.body).toMatchObject({ code: 'SIPAS_X', year: 2024, level: 'district', version: 2 });
    expect(amended.headers.etag).toBe('"2"');
    const view = await get('/v1/index-frameworks/SIPAS_X/2024/district');
    expect(view.body.areas[0]).toEqual({ code: '1', name: 'Công tác chỉ đạo, điều hành CCHC (đính chính)', max: '11' });
    const scores = Object.fromEntries(par.areas.map((a) => [a.code, a.score]));
    expect(
      (
        await t.http
          .post('/v1/index-frameworks/SIPAS_X/2024/district/scores')
          .set(bearer(t.token('leader', 'QNG')))
          .send({ unit: 'SH', scores: { ...scores, '1': '10.8' } })
      ).status,
    ).toBe(201);
    const results = await get('/v1/index-frameworks/SIPAS_X/2024/district');
    expect(results.body.results[0].areas[0]).toMatchObject({ max: '11', score: '10.8' });
    const missing = await t.http.patch('/v1/index-frameworks/NONE/2024/district').set(admin()).send({ reason: 'x', name: 'y' });
    expect(missing.status).toBe(404);
  });
});

describe('OpenAPI', () => {
  it('describes the report and index-framework routes', async () => {
    const doc = await t.http.get('/docs-json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/reports/overdue',
        '/v1/reports/completion',
        '/v1/reports/targets',
        '/v1/index-frameworks',
        '/v1/index-frameworks/{code}/{year}/{level}/scores',
        '/v1/index-frameworks/{code}/{year}/{level}',
        '/v1/plans/{id}/areas',
      ]),
    );
    const params = doc.body.paths['/v1/reports/completion'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(
      expect.arrayContaining(['plan', 'office', 'directive', 'groupBy', 'from', 'to', 'period', 'asOf', 'knownAt', 'rounding']),
    );
  });
});
