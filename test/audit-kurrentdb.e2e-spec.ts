import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { RecordedEvent, chainHash, contentHash, encodePosition } from '@dondoc/event-store';
import { READ_MODEL_ENTITIES, READ_MODEL_PROJECTORS } from '@dondoc/read-models';
import { TestApp, bearer, startTestApp } from './support/test-app';

/**
 * With the log in KurrentDB, the audit listing, flags and export read the audit index
 * (rm_audit_events), which the projector fills from whichever store it subscribes to. No KurrentDB
 * server runs here (the URL names a port where nothing listens, and the API alone runs): the
 * events are applied by the read-model projectors as the KurrentDB adapter hands them over
 * (positions commit.prepare, the event's number the prepare position), in one transaction, as
 * the projector does with each batch.
 */
describe('audit routes under EVENT_STORE=kurrentdb (e2e)', () => {
  let t: TestApp;
  let ds: DataSource;
  const root = `K${randomUUID().slice(0, 6).toUpperCase()}`;
  const planId = randomUUID();
  const taskId = randomUUID();
  const actor = { userId: 'u-kdb', role: 'admin', office: root };
  let prepare = 1_000_000n;
  const heads = new Map<string, { version: number; hash: string | null }>();

  /** An event as the KurrentDB adapter reads it back: its own position, the chain computed client-side. */
  function recorded(streamId: string, type: string, data: unknown, occurredAt: Date, recordedAt: Date): RecordedEvent {
    const head = heads.get(streamId) ?? { version: 0, hash: null };
    const base = { eventId: randomUUID(), streamId, type, schemaVersion: 1, data, metadata: { actor, correlationId: randomUUID() } };
    const content = contentHash({ ...base, occurredAt, recordedAt });
    const version = head.version + 1;
    const hash = chainHash(head.hash ? Buffer.from(head.hash, 'hex') : null, streamId, version, content).toString('hex');
    heads.set(streamId, { version, hash });
    prepare += 137n;
    return {
      ...base,
      version,
      position: encodePosition(prepare + 9n, prepare),
      globalPosition: prepare.toString(),
      occurredAt,
      recordedAt,
      prevHash: head.hash,
      hash,
    };
  }

  const events: RecordedEvent[] = [];

  beforeAll(async () => {
    t = await startTestApp({ EVENT_STORE: 'kurrentdb', KURRENTDB_URL: 'kurrentdb://127.0.0.1:1?tls=false', DONDOC_ROLE: 'api' });
    const now = new Date('2024-05-14T03:00:00Z');
    events.push(
      recorded(`office-${root}`, 'OfficeRegistered', { code: root, name: 'Root', parent: null, level: null, email: null }, now, now),
      recorded(`plan-${planId}`, 'PlanIssued', { planId, issuer: root, code: 'KH-KDB', title: 'Plan' }, now, now),
      recorded(`task-${taskId}`, 'TaskAssigned', { taskId, planId, lead: root, title: 'Task' }, now, now),
      // Completed on the 10th, recorded on the 14th: back-dated by 4 days.
      recorded(`task-${taskId}`, 'CompletionReported', { taskId, completedOn: '2024-05-10', note: 'done' }, now, now),
    );
    ds = new DataSource({ type: 'postgres', url: t.databaseUrl, entities: READ_MODEL_ENTITIES });
    await ds.initialize();
    const projections = READ_MODEL_PROJECTORS.map((P) => new P());
    await ds.transaction(async (tx) => {
      for (const p of projections) {
        // Only the office and the audit index matter here; the other read models are not asked.
        if (p.name === 'offices' || p.name === 'audit-index') await p.apply(events, tx);
      }
    });
  }, 60_000);

  afterAll(async () => {
    await ds?.destroy();
    await t?.close();
  });

  it('the listing answers from the index: every event in log order, with its hashes, paged by cursor', async () => {
    for (const token of [t.token('inspector', root), t.token('admin', root)]) {
      const res = await t.http.get('/v1/audit/events?limit=3').set(bearer(token));
      expect(res.status).toBe(200);
      expect(res.body.items.map((i: { position: string }) => i.position)).toEqual(events.slice(0, 3).map((e) => e.globalPosition));
      expect(res.body.items[2]).toMatchObject({
        streamId: `task-${taskId}`,
        version: 1,
        type: 'TaskAssigned',
        offices: [root],
        hash: events[2].hash,
        contentHash: contentHash(events[2]).toString('hex'),
      });
      const next = await t.http.get(`/v1/audit/events?limit=3&cursor=${res.body.nextCursor}`).set(bearer(token));
      expect(next.status).toBe(200);
      expect(next.body).toMatchObject({ items: [{ position: events[3].globalPosition, type: 'CompletionReported' }], nextCursor: null });
    }
  });

  it('the back-dated flags and a plan export answer from the index too', async () => {
    const token = t.token('inspector', root);
    const flags = await t.http.get('/v1/audit/flags?kind=backdated').set(bearer(token));
    expect(flags.status).toBe(200);
    expect(flags.body.items).toEqual([expect.objectContaining({ taskId, businessDate: '2024-05-10', lagDays: 4 })]);

    const exp = await t.http.get(`/v1/audit/export?plan=${planId}&format=jsonl`).set(bearer(token));
    expect(exp.status).toBe(200);
    const lines = exp.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; streamId?: string; hash?: string; streams?: Record<string, unknown> });
    expect(lines[0]).toMatchObject({ kind: 'header', streams: { [`plan-${planId}`]: { version: 1 }, [`task-${taskId}`]: { version: 2 } } });
    expect(lines.slice(1).map((l) => l.hash)).toEqual(events.slice(1).map((e) => e.hash));

    const office = await t.http.get(`/v1/audit/export?office=${root}&format=csv`).set(bearer(token));
    expect(office.status).toBe(200);
    expect(office.text.trim().split('\n')).toHaveLength(1 + events.length);
    expect((await t.http.get(`/v1/audit/export?plan=${randomUUID()}&format=jsonl`).set(bearer(token))).status).toBe(404);
  });

  it('who may not use the audit routes still gets 403, and no token 401', async () => {
    const routes = ['/v1/audit/events', '/v1/audit/flags?kind=backdated', `/v1/audit/export?plan=${planId}&format=jsonl`];
    for (const route of routes) {
      const res = await t.http.get(route).set(bearer(t.token('leader', root)));
      expect({ route, status: res.status, code: res.body.code }).toEqual({ route, status: 403, code: 'AUDIT_ROLE_REQUIRED' });
      expect((await t.http.get(route)).status).toBe(401);
    }
  });
});
