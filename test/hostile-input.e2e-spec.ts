import { gzipSync } from 'node:zlib';
import { signToken } from '../apps/api/src/http/auth/token-verifier';
import { ApiProcess } from './support/api-process';
import { TEST_JWT_SECRET, cloneTestDatabase } from './support/test-app';
import { xlsxBomb } from './support/xlsx-bomb';

/**
 * Bodies meant to exhaust the API's 192 MB heap, sent to one process as `npm start` runs it:
 * each is refused with a 4xx naming the limit, and the process answers /health after every one.
 */
describe('hostile bodies against a 192 MB heap (e2e)', () => {
  jest.setTimeout(180_000);
  let api: ApiProcess & { url: string };
  const admin = `Bearer ${signToken(TEST_JWT_SECRET, { sub: 'admin-hostile', role: 'admin', office: 'ROOT' })}`;
  const officer = `Bearer ${signToken(TEST_JWT_SECRET, { sub: 'officer-hostile', role: 'officer', office: 'ROOT' })}`;
  /** About 9 MB of `[{},{},…]`: three million objects once parsed. */
  const empties = Buffer.from(`[${'{},'.repeat(3_000_000)}{}]`);
  const gzipped = gzipSync(empties, { level: 9 });

  beforeAll(async () => {
    api = await ApiProcess.start({ DATABASE_URL: await cloneTestDatabase(), JWT_SECRET: TEST_JWT_SECRET, RATE_LIMIT: 'off' });
  });
  afterAll(async () => api?.kill());

  async function post(path: string, headers: Record<string, string>, body: Buffer | string) {
    const res = await fetch(`${api.url}${path}`, { method: 'POST', headers, body });
    const text = await res.text();
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      body: text.startsWith('{') ? (JSON.parse(text) as { code?: string; detail?: string }) : {},
    };
  }

  async function stillAlive() {
    expect(api.alive).toBe(true);
    const health = await fetch(`${api.url}/health`);
    expect(health.status).toBe(200);
  }

  it(`a ${Math.round(gzipped.length / 1024)} KB gzip body that inflates to 9 MB, no token: 401 before the body is read`, async () => {
    expect(gzipped.length).toBeLessThan(40 * 1024);
    const res = await post('/v1/imports', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, gzipped);
    expect(res).toMatchObject({
      status: 401,
      type: expect.stringContaining('application/problem+json'),
      body: { code: 'UNAUTHENTICATED' },
    });
    await stillAlive();
  });

  it('the same plain, 9 MB, no token: 401; malformed JSON with no token is 401 too (never parsed)', async () => {
    expect(await post('/v1/imports', { 'content-type': 'application/json' }, empties)).toMatchObject({ status: 401 });
    expect(
      await post('/v1/tasks/00000000-0000-4000-8000-000000000000/progress', { 'content-type': 'application/json' }, '{"note": '),
    ).toMatchObject({ status: 401 });
    await stillAlive();
  });

  it('an officer (not an admin) sending it to /v1/imports: 403 before the body is read', async () => {
    expect(
      await post('/v1/imports', { authorization: officer, 'content-type': 'application/json', 'content-encoding': 'gzip' }, gzipped),
    ).toMatchObject({
      status: 403,
      body: { code: 'ROLE_NOT_ALLOWED' },
    });
    await stillAlive();
  });

  it('an admin sending it, gzip or plain: 413 JSON_TOO_MANY_ELEMENTS naming the limit, before JSON.parse', async () => {
    for (const [headers, body] of [
      [{ 'content-encoding': 'gzip' }, gzipped],
      [{}, empties],
    ] as const) {
      const res = await post('/v1/imports', { authorization: admin, 'content-type': 'application/json', ...headers }, body);
      expect(res).toMatchObject({
        status: 413,
        body: { code: 'JSON_TOO_MANY_ELEMENTS', detail: expect.stringContaining('1,000,000 elements') },
      });
      await stillAlive();
    }
  });

  it('an inflated body over 20 MB is 413 BODY_TOO_LARGE; Content-Encoding on a route that takes 1 MB of JSON is 415', async () => {
    const huge = gzipSync(Buffer.alloc(30 * 1024 * 1024, ' '));
    expect(
      await post('/v1/imports', { authorization: admin, 'content-type': 'application/json', 'content-encoding': 'gzip' }, huge),
    ).toMatchObject({ status: 413, body: { code: 'BODY_TOO_LARGE' } });
    expect(
      await post(
        '/v1/offices',
        { authorization: admin, 'content-type': 'application/json', 'content-encoding': 'gzip' },
        gzipSync('{"code":"X","name":"Y"}'),
      ),
    ).toMatchObject({
      status: 415,
      body: { code: 'CONTENT_ENCODING_NOT_ACCEPTED' },
    });
    await stillAlive();
  });

  it('1 MB of [{},…] on an ordinary route: 413 (10,000 elements at most)', async () => {
    const res = await post('/v1/offices', { authorization: admin, 'content-type': 'application/json' }, `[${'{},'.repeat(300_000)}{}]`);
    expect(res).toMatchObject({ status: 413, body: { code: 'JSON_TOO_MANY_ELEMENTS', detail: expect.stringContaining('10,000') } });
    await stillAlive();
  });

  it('an XLSX that inflates to 150 MB: 400 naming the limit, and the process lives', async () => {
    const bomb = await xlsxBomb({ sheetMb: 150 });
    const res = await post(
      '/v1/imports?code=BOMB',
      { authorization: admin, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      bomb,
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('at most 64 MB for a worksheet');
    const liar = await xlsxBomb({ sheetMb: 150, lie: true });
    const lied = await post(
      '/v1/imports?code=BOMB',
      { authorization: admin, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      liar,
    );
    expect(lied.status).toBe(400);
    expect(JSON.stringify(lied.body)).toContain('larger than its zip header says');
    await stillAlive();
  });
});
