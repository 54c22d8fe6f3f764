import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TestApp, startTestApp } from './support/test-app';
import { buildWebApp } from './support/browser';
import { PROBLEM_JSON } from './support/e2e-world';

const ROOT = resolve(__dirname, '..');

/** The web app at `/`: its page for every path outside the API, the API's answers unchanged. */
describe('the web app served by the API (e2e)', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    dir = buildWebApp();
    process.env.WEB_DIR = dir;
    t = await startTestApp();
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    delete process.env.WEB_DIR;
    rmSync(dir, { recursive: true, force: true });
  });

  it('/ and a task link answer the page; assets are long-cached', async () => {
    const home = await t.http.get('/');
    expect(home.status).toBe(200);
    expect(home.headers['content-type']).toMatch(/^text\/html/);
    expect(home.text).toContain('<html lang="vi">');
    const deepLink = await t.http.get('/tasks/0b4f6f5e-3c0e-4c1a-9d0e-8f7c6b5a4d3c');
    expect(deepLink.status).toBe(200);
    expect(deepLink.text).toBe(home.text);
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(home.text)![1];
    const asset = await t.http.get(script);
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toMatch(/immutable/);
    // Gzipped for a browser that accepts it (the first page's budget is counted compressed).
    const gzipped = await t.http.get(script).set('Accept-Encoding', 'gzip');
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    // The API's own answers are not touched.
    expect((await t.http.get('/health').set('Accept-Encoding', 'gzip')).headers['content-encoding']).toBeUndefined();
    expect((await t.http.get('/assets/nothing-here.js')).status).toBe(404);
  });

  it('API paths keep their answers: a missing /v1 route is problem+json, not the page', async () => {
    const missing = await t.http.get('/v1/no-such-route');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(PROBLEM_JSON);
    const health = await t.http.get('/health');
    expect(health.headers['content-type']).toMatch(/json/);
    const docs = await t.http.get('/docs-json');
    expect(docs.body.openapi).toBeDefined();
    // Express routes ignore case: so does the fallback, or /V1/… and /Health would answer the page.
    for (const path of ['/V1/tasks', '/Health', '/DOCS-JSON'])
      expect((await t.http.get(path)).headers['content-type']).not.toMatch(/^text\/html/);
    const post = await t.http.post('/tasks/x').send({});
    expect(post.status).toBe(404);
    expect(post.headers['content-type']).toMatch(PROBLEM_JSON);
  });
});

/** The web client is generated from the API's OpenAPI document: the checked-in copy must match. */
describe('the generated web client (e2e)', () => {
  it('apps/web/src/api/schema.d.ts equals what `npm run api:client` generates now', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'dondoc-openapi-'));
    try {
      execFileSync(process.execPath, ['-r', '@swc-node/register', 'scripts/openapi.ts', join(tmp, 'openapi.json')], {
        cwd: ROOT,
        stdio: 'pipe',
        env: { ...process.env, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
      });
      execFileSync(
        process.execPath,
        [join(ROOT, 'node_modules/openapi-typescript/bin/cli.js'), join(tmp, 'openapi.json'), '-o', join(tmp, 'schema.d.ts')],
        { cwd: ROOT, stdio: 'pipe' },
      );
      const generated = readFileSync(join(tmp, 'schema.d.ts'), 'utf8');
      const checkedIn = readFileSync(join(ROOT, 'apps/web/src/api/schema.d.ts'), 'utf8');
      if (generated !== checkedIn)
        throw new Error('apps/web/src/api/schema.d.ts is out of date with the API: run `npm run api:client` and commit the result');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 60_000);
});
