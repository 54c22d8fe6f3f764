import { TestApp, bearer, startTestApp } from './support/test-app';
import { EventLog, PROBLEM_JSON, PlanWorld, assignTask, districtWithPlan, fresh, tasksInEveryState } from './support/e2e-world';
import { Fixture, ROUTES, Route, withField } from './support/bad-input-routes';

/**
 * Bad input on every write route, sent by the actor who would otherwise succeed: always a 4xx
 * problem+json with a code (400, or 413 over the limit), the field at fault named, never a 5xx,
 * and nothing written.
 */

describe('bad input on every write route (e2e)', () => {
  let t: TestApp;
  let log: EventLog;
  let f: Fixture;

  beforeAll(async () => {
    t = await startTestApp();
    log = await EventLog.open(t.databaseUrl);
    const w = await districtWithPlan(t);
    f = { w, ...(await tasksInEveryState(t, w)) };
  }, 60_000);

  afterAll(async () => {
    await log?.close();
    await t?.close();
  });

  /** Sends a raw body; checks a 4xx problem, and that nothing was written. */
  async function refused(route: Route, raw: string | Buffer, status: number, code?: string) {
    const stream = route.stream?.(f);
    const before = { all: await log.count(), stream: stream ? await log.count(stream) : 0 };
    const res = await t.http
      .post(route.path(f))
      .set(bearer(route.token(f)))
      .set('Content-Type', 'application/json')
      .send(raw);
    expect({ status: res.status, code: res.body?.code }).toEqual({ status, code: code ?? expect.any(String) });
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(res.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
    expect(await log.count()).toBe(before.all);
    if (stream) expect(await log.count(stream)).toBe(before.stream);
    return res.body as { code: string; detail: string; errors?: { field: string; message: string }[] };
  }

  const fields = (problem: { errors?: { field: string }[] }) => (problem.errors ?? []).map((e) => e.field);
  /** At collection time the fixture does not exist yet: bodies are built on a stand-in to find their text fields. */
  const f0 = (): Fixture => ({
    w: new Proxy({}, { get: (_t, k) => (k === 'officer' ? () => 'X' : 'X') }) as unknown as PlanWorld,
    open: 'X',
    pending: 'X',
    requestId: 'X',
    awaiting: 'X',
    cancelled: 'X',
  });

  describe.each(ROUTES.map((r) => [r.name, r] as const))('%s', (_name, route) => {
    it('malformed JSON → 400 MALFORMED_JSON', async () => {
      await refused(route, '{"note": "thiếu ngoặc",', 400, 'MALFORMED_JSON');
    });

    if (route.required) {
      const required = route.required;
      it(`missing required field ${required} → 400 naming it`, async () => {
        const body = route.body(f);
        delete body[required];
        const problem = await refused(route, JSON.stringify(body), 400);
        expect(fields(problem)).toContain(required);
      });
    }

    it(`wrong type (${route.wrongType[0]}) → 400`, async () => {
      const [field, value] = route.wrongType;
      const raw = field === 'body' ? JSON.stringify(value) : JSON.stringify(withField(route.body(f), field, value));
      const problem = await refused(route, raw, 400);
      expect(fields(problem)).toContain(field);
    });

    it('unknown field → 400 naming it', async () => {
      const problem = await refused(route, JSON.stringify({ ...route.body(f), bogusField: 1 }), 400);
      expect(fields(problem)).toContain('bogusField');
    });

    it('a body that is not an object → 400', async () => {
      await refused(route, '"just a string"', 400);
    });

    if (route.date) {
      const date = route.date;
      it(`impossible date ${date}=2024-02-30 → 400 naming it`, async () => {
        const problem = await refused(route, JSON.stringify(withField(route.body(f), date, '2024-02-30')), 400);
        expect(fields(problem)).toContain(date);
      });
      it(`a date written another way (${date}=30/06/2027) → 400`, async () => {
        const problem = await refused(route, JSON.stringify(withField(route.body(f), date, '30/06/2027')), 400);
        expect(fields(problem)).toContain(date);
      });
    }

    if (route.phrase) {
      const phrase = route.phrase;
      it('unreadable deadline phrase → 400 DEADLINE_PHRASE_UNREADABLE quoting it', async () => {
        const body = route.body(f);
        delete body.dueOn;
        body[phrase] = 'sớm nhất có thể';
        const problem = await refused(route, JSON.stringify(body), 400, 'DEADLINE_PHRASE_UNREADABLE');
        expect(problem.detail).toContain('"sớm nhất có thể"');
        expect(fields(problem)).toContain(phrase);
      });
    }

    const text = Object.entries(route.body(f0())).find(([, v]) => typeof v === 'string')?.[0];
    if (text) {
      it.each([
        ['NUL', 'Báo cáo\u0000 số 1'],
        ['a lone surrogate', 'Báo cáo \uD800 số 1'],
      ])(`%s in a text field (${text}) → 400 naming it`, async (_what, value) => {
        const problem = await refused(route, JSON.stringify(withField(route.body(f), text, value)), 400);
        expect(fields(problem)).toContain(text);
      });
    }

    it.each(['__proto__', 'constructor', 'prototype'])('a "%s" key → 400 naming it, never dropped', async (key) => {
      const rest = JSON.stringify(route.body(f)).slice(1);
      const problem = await refused(route, `{"${key}":{"polluted":true}${rest === '}' ? '' : ','}${rest}`, 400);
      expect(fields(problem)).toContain(key);
    });

    it('JSON nested 10,000 deep → 400 JSON_TOO_DEEP', async () => {
      const problem = await refused(route, `${'['.repeat(10_000)}${']'.repeat(10_000)}`, 400, 'JSON_TOO_DEEP');
      expect(problem.detail).toContain('32 levels');
    });

    if (route.required) {
      const required = route.required;
      it(`null for a field (${required}) → 400 naming it`, async () => {
        const problem = await refused(route, JSON.stringify({ ...route.body(f), [required]: null }), 400);
        expect(fields(problem)).toContain(required);
      });
    }

    it('body over 1 MB → 413', async () => {
      const big = JSON.stringify({ ...route.body(f), padding: 'x'.repeat(1_100_000) });
      await refused(route, big, 413, 'BODY_TOO_LARGE');
    });
  });

  it('acknowledge takes an empty object or no body at all', async () => {
    const id = await assignTask(t, f.w);
    const res = await t.http.post(`/v1/tasks/${id}/acknowledge`).set(bearer(f.w.officer(f.w.nv)));
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(2);
  });

  it('assign: two deadlines at once → 400 DEADLINE_AMBIGUOUS, nothing written', async () => {
    const route = ROUTES.find((r) => r.name === 'POST /v1/plans/:id/tasks')!;
    await refused(route, JSON.stringify({ ...route.body(f), deadlinePhrase: 'Trong Quý II 2027' }), 400, 'DEADLINE_AMBIGUOUS');
  });

  it('assign: a deadline before the assignment → 400 DEADLINE_BEFORE_ASSIGNMENT', async () => {
    const route = ROUTES.find((r) => r.name === 'POST /v1/plans/:id/tasks')!;
    const problem = await refused(route, JSON.stringify({ ...route.body(f), dueOn: '2024-03-31' }), 400, 'DEADLINE_BEFORE_ASSIGNMENT');
    expect(fields(problem)).toContain('dueOn');
  });

  it('completion dated in the future → 400 COMPLETION_IN_FUTURE', async () => {
    const route = ROUTES.find((r) => r.name === 'POST /v1/tasks/:id/completion')!;
    await refused(route, JSON.stringify({ ...route.body(f), completedOn: '2027-01-15' }), 400, 'COMPLETION_IN_FUTURE');
  });

  it('a malformed id in the path → 400, not 500', async () => {
    const res = await t.http
      .post('/v1/tasks/not-a-uuid/progress')
      .set(bearer(f.w.officer(f.w.nv)))
      .send({ note: 'x' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
  });

  it('a bad If-Match or Occurred-At header → 400', async () => {
    const before = await log.count();
    const ifMatch = await t.http
      .post(`/v1/tasks/${f.open}/progress`)
      .set(bearer(f.w.officer(f.w.nv)))
      .set('If-Match', 'abc')
      .send({ note: 'x' });
    expect({ status: ifMatch.status, code: ifMatch.body.code }).toEqual({ status: 400, code: 'INVALID_IF_MATCH' });
    const occurred = await t.http
      .post(`/v1/tasks/${f.open}/progress`)
      .set(bearer(f.w.admin))
      .set('Occurred-At', 'yesterday')
      .send({ note: 'x' });
    expect({ status: occurred.status, code: occurred.body.code }).toEqual({ status: 400, code: 'INVALID_OCCURRED_AT' });
    expect(await log.count()).toBe(before);
  });

  it.each([
    ['percent', `/v1/tasks/OPEN/progress`, { note: 'x', percent: null }, 'officer'],
    ['email', '/v1/offices', { code: `N-${fresh()}`, name: 'Phòng', email: null }, 'admin'],
    ['level', '/v1/offices', { code: `N-${fresh()}`, name: 'Phòng', level: null }, 'admin'],
    [
      'criteria',
      '/v1/index-frameworks',
      { code: 'PAR', year: 2024, level: 'district', areas: [{ code: '1', name: 'A', max: 10 }], criteria: null },
      'admin',
    ],
  ] as const)(
    'null for the optional field %s → 400 naming it (an optional field is left out, not null)',
    async (field, path, body, who) => {
      const before = await log.count();
      const token = who === 'admin' ? f.w.admin : f.w.officer(f.w.nv);
      const res = await t.http.post(path.replace('OPEN', f.open)).set(bearer(token)).send(body);
      expect(res.status).toBe(400);
      expect(fields(res.body)).toContain(field);
      expect(await log.count()).toBe(before);
    },
  );

  describe('Occurred-At (admin back-fill) → 400 naming it', () => {
    it.each([
      ['0001-01-01T00:00:00Z', 'INVALID_OCCURRED_AT'],
      ['1899-12-31T23:59:59+07:00', 'INVALID_OCCURRED_AT'],
      ['2024-02-30T10:00:00+07:00', 'INVALID_OCCURRED_AT'],
      ['2024-06-01T10:00:00+07:00', 'OCCURRED_BEFORE_ASSIGNMENT'],
    ])('%s → %s', async (value, code) => {
      const before = await log.count();
      const res = await t.http.post(`/v1/tasks/${f.open}/progress`).set(bearer(f.w.admin)).set('Occurred-At', value).send({ note: 'x' });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code });
      expect(fields(res.body)).toContain('Occurred-At');
      expect(await log.count()).toBe(before);
    });
  });

  it('a query parameter on a route that takes none → 400 naming it (unknown fields are refused everywhere)', async () => {
    const read = await t.http.get(`/v1/offices/${f.w.district}?bogus=1`).set(bearer(f.w.admin));
    expect({ status: read.status, fields: fields(read.body) }).toEqual({ status: 400, fields: ['bogus'] });
    const before = await log.count();
    const write = await t.http
      .post(`/v1/tasks/${f.open}/progress?percent=50`)
      .set(bearer(f.w.officer(f.w.nv)))
      .send({ note: 'x' });
    expect({ status: write.status, fields: fields(write.body) }).toEqual({ status: 400, fields: ['percent'] });
    expect(await log.count()).toBe(before);
  });

  it('NUL in a path parameter → 400, not 500', async () => {
    const res = await t.http.get('/v1/offices/A%00B').set(bearer(f.w.admin));
    expect(res.status).toBe(400);
    expect(fields(res.body)).toContain('code');
  });

  describe('GET /v1/tasks: bad query parameters → 400', () => {
    it.each([
      ['limit=abc', 'limit'],
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=2.5', 'limit'],
      ['status=FOO', 'status'],
      ['unknownParam=1', 'unknownParam'],
      ['dueBefore=2024-02-30', 'dueBefore'],
      ['plan=not-a-uuid', 'plan'],
      ['criterion=abc', 'criterion'],
      ['cursor=%21%21%21', 'cursor'],
      ['asOf=not-a-date', 'asOf'],
      ['asOf=0000-01-01', 'asOf'],
      ['asOf=2200-01-01', 'asOf'],
      ['asOf=0001-01-01T00:00:00Z', 'asOf'],
      ['knownAt=1899-12-31T00:00:00Z', 'knownAt'],
      ['dueBefore=0000-01-01', 'dueBefore'],
      ['dueBefore=9999-12-31', 'dueBefore'],
      ['office=A%00B', 'office'],
      ['cursor=abc%00', 'cursor'],
      ['__proto__=1', '__proto__'],
    ])('%s', async (query, field) => {
      const res = await t.http.get(`/v1/tasks?${query}`).set(bearer(f.w.leader));
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body.code).toEqual(expect.any(String));
      expect(fields(res.body)).toContain(field);
    });

    it('limit=500 is the maximum allowed', async () => {
      const res = await t.http.get('/v1/tasks?limit=500').set(bearer(f.w.leader));
      expect(res.status).toBe(200);
    });
  });
});
