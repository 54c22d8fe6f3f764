import jwt from 'jsonwebtoken';
import request from 'supertest';
import { TEST_JWT_SECRET, TestApp, bearer, startTestApp } from './support/test-app';

/** Item 12 of issue 13, through HTTP: token claims, rate limits, security headers, /metrics. */
describe('the edge (e2e)', () => {
  describe('RATE_LIMIT=ip=300/1m,subject=150/1m', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ RATE_LIMIT: 'ip=300/1m,subject=150/1m' });
    });
    afterAll(() => t?.close());

    const burst = (n: number, token: string) => Promise.all(Array.from({ length: n }, () => t.http.get('/v1/offices').set(bearer(token))));

    it('a burst of 100 concurrent requests passes; past the subject limit: 429 RATE_LIMITED with Retry-After; another subject still passes', async () => {
      const a = t.token('officer', 'ROOT', 'rate-a');
      expect((await burst(100, a)).map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
      const over = await burst(60, a);
      const refused = over.filter((r) => r.status === 429);
      expect(refused.length).toBe(10);
      expect(refused[0].headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused[0].body).toMatchObject({ code: 'RATE_LIMITED', status: 429, detail: expect.stringContaining('token subject') });
      expect(Number(refused[0].headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused[0].headers['retry-after'])).toBeLessThanOrEqual(60);
      const b = t.token('officer', 'ROOT', 'rate-b');
      expect((await burst(100, b)).every((r) => r.status === 200)).toBe(true);
    });

    it('past the per-IP limit (every subject together, and requests without a token): 429 naming the client address', async () => {
      const c = t.token('officer', 'ROOT', 'rate-c');
      const res = await burst(60, c);
      const refused = res.filter((r) => r.status === 429);
      expect(refused.length).toBeGreaterThan(0);
      expect(refused[0].body.detail).toContain('client address');
      const anonymous = await t.http.get('/v1/offices');
      expect(anonymous.status).toBe(429);
      // Health probes are never limited.
      expect((await t.http.get('/health')).status).toBe(200);
    });
  });

  describe('tokens, headers and /metrics', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ METRICS_PORT: '0' });
    });
    afterAll(() => t?.close());

    it('a token without exp, or living 7 days, or with a padded signature: 401', async () => {
      const claims = { sub: 'edge', role: 'admin', office: 'ROOT' };
      const noExp = jwt.sign(claims, TEST_JWT_SECRET);
      const week = jwt.sign(claims, TEST_JWT_SECRET, { expiresIn: '7d' });
      const padded = `${jwt.sign(claims, TEST_JWT_SECRET, { expiresIn: '1h' })}=`;
      for (const token of [noExp, week, padded]) {
        const res = await t.http.get('/v1/offices').set(bearer(token));
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
      }
    });

    it('/v1 answers: Cache-Control no-store, nosniff; /docs: a CSP that lets Swagger UI load its own scripts and styles', async () => {
      const v1 = await t.http.get('/v1/offices').set(bearer(t.token('admin', 'ROOT')));
      expect(v1.headers['cache-control']).toBe('no-store');
      expect(v1.headers['x-content-type-options']).toBe('nosniff');
      const refused = await t.http.get('/v1/offices');
      expect(refused.headers['cache-control']).toBe('no-store');
      const docs = await t.http.get('/docs/').redirects(1);
      expect(docs.status).toBe(200);
      const csp = docs.headers['content-security-policy'];
      expect(csp).toMatch(/script-src 'self'/);
      expect(csp).toMatch(/style-src 'self'[^;]*'unsafe-inline'/);
      expect(csp).toMatch(/img-src 'self' data:/);
      expect(csp).not.toMatch(/upgrade-insecure-requests/);
      const assets = [...docs.text.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
      expect(assets.length).toBeGreaterThanOrEqual(3);
      for (const src of assets) {
        expect(src).not.toMatch(/^https?:/); // same origin: allowed by 'self'
        expect((await t.http.get(new URL(src, `${t.app.url}/docs/`).pathname)).status).toBe(200);
      }
    });

    it('with METRICS_PORT, /metrics is on that port only', async () => {
      expect((await t.http.get('/metrics')).status).toBe(404);
      expect(t.app.metricsUrl).toBeDefined();
      const res = await request(t.app.metricsUrl!).get('/metrics');
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/^dondoc_projection_lag_events /m);
    });
  });

  it('with METRICS_TOKEN, /metrics on the main port wants that token; with neither set, there is no /metrics', async () => {
    const withToken = await startTestApp({ METRICS_TOKEN: 'a-metrics-token-of-some-length' });
    try {
      expect((await withToken.http.get('/metrics')).status).toBe(401);
      expect((await withToken.http.get('/metrics').set(bearer('wrong-token-of-the-same-len'))).status).toBe(401);
      expect((await withToken.http.get('/metrics').set(bearer('a-metrics-token-of-some-length'))).status).toBe(200);
    } finally {
      await withToken.close();
    }
    const neither = await startTestApp();
    try {
      expect((await neither.http.get('/metrics')).status).toBe(404);
    } finally {
      await neither.close();
    }
  });
});
