import { PostgresEventStore } from '@dondoc/event-store';
import { newEvent } from '@dondoc/event-store/testing/test-db';
import { Pool } from 'pg';
import { bearer, startTestApp, TestApp } from './support/test-app';

const METRICS_TOKEN = 'metrics-token-for-the-e2e-suite';

describe('operations routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ METRICS_TOKEN });
  });
  afterAll(() => t.close());

  it('/health answers without a token, with the database and projection lag', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', db: 'ok', projections: { lagEvents: 0 } });
  });

  it('/metrics counts appended events and times commands', async () => {
    const admin = t.token('admin', 'ROOT');
    await t.http
      .post('/v1/offices')
      .set(bearer(admin))
      .send({ code: `M-${Date.now()}`, name: 'Phòng đo' })
      .expect(201);
    const res = await t.http.get('/metrics').set(bearer(METRICS_TOKEN)).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.text).toMatch(/^dondoc_events_appended_total 1$/m);
    expect(res.text).toMatch(/dondoc_command_duration_seconds_count\{command="OfficesController.register",outcome="201"\} 1/);
    expect(res.text).toMatch(/^dondoc_projection_lag_events 0$/m);
  });

  it('/health/projections and /metrics give each named projection its own lag', async () => {
    // Given the projector running every projection (its rows exist once it has started)
    const lags = async () => (await t.http.get('/health/projections').expect(200)).body;
    const deadline = Date.now() + 15_000;
    while (!(await lags()).projections?.tasks && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    // Then each read model is listed by name with its lag, without a token
    const body = await lags();
    expect(body.status).toBe('ok');
    for (const name of ['offices', 'directives', 'plans', 'tasks', 'inspections', 'users', 'digests', 'index-frameworks'])
      expect(body.projections[name]).toEqual({ lagEvents: expect.any(Number) });
    const res = await t.http.get('/metrics').set(bearer(METRICS_TOKEN)).expect(200);
    expect(res.text).toMatch(/^dondoc_projection_lag_events_by_projection\{projection="tasks"\} \d+$/m);
    expect(res.text).toMatch(/^dondoc_projection_lag_events_by_projection\{projection="offices"\} \d+$/m);
  });

  it('every /v1 route wants a token', async () => {
    const res = await t.http.get('/v1/tasks').expect(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });
});

describe('health when the read models fall behind', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The API alone: nothing projects, so appended events are lag.
    t = await startTestApp({ DONDOC_ROLE: 'api', HEALTH_MAX_LAG_EVENTS: '2' });
  });
  afterAll(() => t.close());

  it('answers 503 once the lag passes the threshold, naming it', async () => {
    const store = new PostgresEventStore(new Pool({ connectionString: t.databaseUrl, max: 2 }));
    try {
      await store.append(`office-LAG-${Date.now()}`, [newEvent('OfficeRegistered'), newEvent('OfficeRenamed')], 'noStream');
      expect((await t.http.get('/health').expect(200)).body.projections).toEqual({ lagEvents: 2 });
      await store.append(`office-LAG2-${Date.now()}`, [newEvent('OfficeRegistered')], 'noStream');
      const res = await t.http.get('/health').expect(503);
      expect(res.body).toEqual({ status: 'unavailable', db: 'ok', projections: { lagEvents: 3 } });
    } finally {
      await store.close();
    }
  });
});
