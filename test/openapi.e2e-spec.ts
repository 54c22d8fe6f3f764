import { TestApp, startTestApp } from './support/test-app';

/** The OpenAPI document describes every route of the contract (API.md) that exists so far. */
describe('OpenAPI document (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);

  afterAll(() => t?.close());

  const WRITES = [
    '/v1/offices',
    '/v1/offices/{code}/merge',
    '/v1/directives',
    '/v1/plans',
    '/v1/plans/{id}/targets/{code}/measurements',
    '/v1/plans/{id}/tasks',
    '/v1/tasks/{id}/acknowledge',
    '/v1/tasks/{id}/progress',
    '/v1/tasks/{id}/extension-requests',
    '/v1/tasks/{id}/extension-requests/{requestId}/grant',
    '/v1/tasks/{id}/extension-requests/{requestId}/deny',
    '/v1/tasks/{id}/deadline',
    '/v1/tasks/{id}/completion',
    '/v1/tasks/{id}/completion/accept',
    '/v1/tasks/{id}/completion/return',
    '/v1/tasks/{id}/reassign',
    '/v1/tasks/{id}/cancel',
    '/v1/tasks/{id}/reopen',
  ];
  const READS = [
    '/v1/offices',
    '/v1/offices/{code}',
    '/v1/directives/{id}',
    '/v1/plans/{id}',
    '/v1/tasks',
    '/v1/tasks/{id}',
    '/v1/tasks/{id}/events',
  ];

  it('GET /docs-json (no token) lists every route with its method', async () => {
    const res = await t.http.get('/docs-json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/json/);
    expect(res.body.openapi).toMatch(/^3\./);
    const paths = res.body.paths as Record<string, Record<string, unknown>>;
    const missing = [
      ...WRITES.filter((p) => !paths[p]?.post).map((p) => `POST ${p}`),
      ...READS.filter((p) => !paths[p]?.get).map((p) => `GET ${p}`),
    ];
    expect(missing).toEqual([]);
  });

  it('write bodies are described: required fields of the request schemas', async () => {
    const res = await t.http.get('/docs-json');
    const doc = res.body;
    const schemaOf = (path: string) => {
      const ref: string | undefined = doc.paths[path].post.requestBody?.content?.['application/json']?.schema?.$ref;
      return ref ? doc.components.schemas[ref.split('/').pop()!] : undefined;
    };
    expect(schemaOf('/v1/plans/{id}/tasks')?.required).toEqual(expect.arrayContaining(['title', 'lead']));
    expect(schemaOf('/v1/tasks/{id}/extension-requests')?.required).toEqual(expect.arrayContaining(['reason']));
    expect(schemaOf('/v1/directives')?.required).toEqual(expect.arrayContaining(['number', 'kind', 'issuedOn', 'issuer', 'title']));
    expect(schemaOf('/v1/offices/{code}/merge')?.required).toEqual(expect.arrayContaining(['into', 'reason']));
  });

  it('declares bearer authentication', async () => {
    const res = await t.http.get('/docs-json');
    const schemes = res.body.components?.securitySchemes ?? {};
    expect(Object.values(schemes)).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'http', scheme: 'bearer' })]));
  });
});
