import { randomUUID } from 'node:crypto';
import { TestApp, bearer, startTestApp } from './support/test-app';

/**
 * With the log in KurrentDB, the audit routes that are SQL over PostgreSQL's es_events (listing,
 * flags, export) refuse with 501 and a stable code instead of answering from an empty table. The
 * refusal comes from the configuration, before any query: no KurrentDB server is needed here (the
 * URL names a port where nothing listens, and the API alone runs: no projector subscribes).
 */
describe('audit routes under EVENT_STORE=kurrentdb (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ EVENT_STORE: 'kurrentdb', KURRENTDB_URL: 'kurrentdb://127.0.0.1:1?tls=false', DONDOC_ROLE: 'api' });
  }, 60_000);

  afterAll(() => t?.close());

  const routes = [
    '/v1/audit/events',
    '/v1/audit/events?limit=5&type=TaskAssigned',
    '/v1/audit/flags?kind=backdated',
    `/v1/audit/export?plan=${randomUUID()}&format=jsonl`,
    '/v1/audit/export?office=ROOT&format=csv',
  ];

  it('the listing, flags and export answer 501 problem+json AUDIT_INDEX_UNAVAILABLE, naming EVENT_STORE=kurrentdb', async () => {
    for (const token of [t.token('inspector', 'ROOT'), t.token('admin', 'ROOT')]) {
      for (const route of routes) {
        const res = await t.http.get(route).set(bearer(token));
        expect({ route, status: res.status, type: res.headers['content-type'] }).toEqual({
          route,
          status: 501,
          type: expect.stringMatching(/^application\/problem\+json/),
        });
        const body = JSON.parse(res.text) as Record<string, unknown>;
        expect(body).toMatchObject({
          type: 'https://dondoc.vn/problems/audit-index-unavailable',
          title: 'Not Implemented',
          status: 501,
          code: 'AUDIT_INDEX_UNAVAILABLE',
        });
        expect(body.detail).toContain('EVENT_STORE=kurrentdb');
      }
    }
  });

  it('who may not use the audit routes still gets 403, and no token 401', async () => {
    for (const route of routes) {
      const res = await t.http.get(route).set(bearer(t.token('leader', 'ROOT')));
      expect({ route, status: res.status, code: res.body.code }).toEqual({ route, status: 403, code: 'AUDIT_ROLE_REQUIRED' });
      expect((await t.http.get(route)).status).toBe(401);
    }
  });
});
