import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { migrate } from '../../../../platform/src/database/migrate';
import { EVENT_LOG_MIGRATIONS } from '../../../../platform/src/database/migrations';
import { PostgresEventStore } from '../postgres-event-store';
import { chainHash, contentHash } from '../../hashing';
import { newEvent } from '../../testing/test-db';
import { storedRow, storedRows, tamperWith } from '../testing/stored-events';
import { ANCHOR_STREAM } from '../../anchors/anchor-hash';
import { AnchorRecorder } from './anchor-recorder';
import { auditVerify } from './audit-verify';

/**
 * Tampering, each kind named at the right position, in a database of this file's own (the
 * triggers are disabled as a superuser would). The stream chains catch edits; the anchors catch
 * what a recomputed chain hides: a rewritten stream, a forged event, two events swapped.
 */
describe('audit verification: stream chains and anchors (private database)', () => {
  const server = process.env.DONDOC_TEST_DATABASE_URL!;
  let admin: Pool;
  let su: Pool;
  let store: PostgresEventStore;
  let dbName: string;
  let recorder: AnchorRecorder;

  beforeAll(() => {
    admin = new Pool({ connectionString: server, max: 2 });
  });
  afterAll(() => admin.end());

  // A database per test: each tampering stays where it was made.
  beforeEach(async () => {
    const run = process.env.DONDOC_TEST_RUN ? `t${process.env.DONDOC_TEST_RUN}_` : '';
    dbName = `dondoc_tamper_${run}${randomUUID().replace(/-/g, '').slice(0, 12)}`.toLowerCase();
    await admin.query(`CREATE DATABASE ${dbName}`);
    const u = new URL(server);
    u.pathname = `/${dbName}`;
    await migrate(u.toString(), EVENT_LOG_MIGRATIONS);
    su = new Pool({ connectionString: u.toString(), max: 6 });
    su.on('error', () => undefined);
    const storePool = new Pool({ connectionString: u.toString(), max: 6 });
    storePool.on('error', () => undefined);
    store = new PostgresEventStore(storePool);
    recorder = new AnchorRecorder(su, store, { everyEvents: 7, everyMinutes: 10 });
  }, 60_000);

  afterEach(async () => {
    await store?.close();
    await su?.end();
    if (dbName) await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }, 60_000);

  const tamper = (...statements: [string, unknown[]?][]) => tamperWith(su, ...statements);

  const row = (stream: string, version: number) => storedRow(su, stream, version);
  const rowsOf = (stream: string) => storedRows(su, stream);

  /** Three interleaved streams of five events, all anchored (anchors of 7 events). */
  async function fixture(): Promise<string[]> {
    const streams = [`tamper-${randomUUID()}`, `tamper-${randomUUID()}`, `tamper-${randomUUID()}`];
    for (let v = 0; v < 5; v++) {
      for (const s of streams) await store.append(s, [newEvent('T', { s, v, note: `event ${v}` })], v === 0 ? 'noStream' : v);
    }
    expect((await recorder.anchorNow()).length).toBeGreaterThan(0);
    const r = await auditVerify(su);
    expect(r.firstMismatch).toBeUndefined();
    expect(r.anchors).toBeGreaterThan(0);
    return streams;
  }

  /** What an attacker with the code would do: recompute a stream's content and chain hashes, and its head. */
  async function rehash(stream: string): Promise<string[]> {
    const rows = await rowsOf(stream);
    let prev: Buffer | null = null;
    const statements: [string, unknown[]][] = [];
    for (const r of rows) {
      const content = contentHash({
        eventId: r.event_id,
        streamId: r.stream_id,
        type: r.type,
        schemaVersion: 1,
        data: r.data,
        metadata: r.metadata,
        occurredAt: r.occurred_at,
        recordedAt: r.recorded_at,
      });
      const hash = chainHash(prev, stream, r.version, content);
      statements.push([
        'UPDATE es_events SET content_hash = $2, prev_hash = $3, hash = $4 WHERE position = $1',
        [r.position, content, prev, hash],
      ]);
      prev = hash;
    }
    statements.push(['UPDATE es_streams SET last_hash = $2, version = $3 WHERE stream_id = $1', [stream, prev, rows.length]]);
    await tamper(...statements);
    return rows.map((r) => r.position);
  }

  it('a verified log with anchors: ok, and anchors chain and cover contiguous ranges', async () => {
    await fixture();
    await fixture();
    const anchors = await store.readStream(ANCHOR_STREAM);
    for (let i = 1; i < anchors.length; i++) {
      const a = anchors[i].data as { fromPosition: string; previousAnchorHash: string };
      const p = anchors[i - 1].data as { toPosition: string; anchorHash: string };
      expect(BigInt(a.fromPosition)).toBe(BigInt(p.toPosition) + 1n);
      expect(a.previousAnchorHash).toBe(p.anchorHash);
    }
    // A second recorder that saw an older head cannot write the same anchor again.
    const late = new AnchorRecorder(su, store, { everyEvents: 7, everyMinutes: 10 });
    await Promise.all([late.anchorNow(), recorder.anchorNow()]);
    expect(await auditVerify(su)).toMatchObject({ ok: true });
  });

  it('edited data: named by the stream chain, at its position', async () => {
    const streams = await fixture();
    const t = await row(streams[1], 3);
    await tamper([`UPDATE es_events SET data = jsonb_set(data, '{note}', '"edited"') WHERE position = $1`, [t.position]]);
    expect((await auditVerify(su)).firstMismatch).toMatchObject({ position: t.position, stream: streams[1], version: 3 });
    await tamper(['UPDATE es_events SET data = $2 WHERE position = $1', [t.position, JSON.stringify(t.data)]]);
    expect(await auditVerify(su)).toMatchObject({ ok: true });
  });

  it('edited metadata: named', async () => {
    const streams = await fixture();
    const t = await row(streams[0], 4);
    await tamper([
      `UPDATE es_events SET metadata = jsonb_set(metadata, '{actor,userId}', '"someone-else"') WHERE position = $1`,
      [t.position],
    ]);
    expect((await auditVerify(su)).firstMismatch).toMatchObject({ position: t.position, stream: streams[0], version: 4 });
    await tamper(['UPDATE es_events SET metadata = $2 WHERE position = $1', [t.position, JSON.stringify(t.metadata)]]);
    expect(await auditVerify(su)).toMatchObject({ ok: true });
  });

  it('a deleted event: its stream successor is named; with the stream rehashed, the anchor names the hole', async () => {
    const streams = await fixture();
    const gone = await row(streams[2], 3);
    const next = await row(streams[2], 4);
    await tamper(['DELETE FROM es_events WHERE position = $1', [gone.position]]);
    expect((await auditVerify(su)).firstMismatch).toMatchObject({ position: next.position, stream: streams[2], version: 4 });
    // Renumber and rehash the stream so that every chain holds: only the anchor still knows.
    // In two steps: a single UPDATE may move version 5 to 4 before 4 has moved (the unique index is
    // checked row by row, in whatever order the plan visits them).
    await tamper(
      ['UPDATE es_events SET version = -(version - 1) WHERE stream_id = $1 AND version > 3', [streams[2]]],
      ['UPDATE es_events SET version = -version WHERE stream_id = $1 AND version < 0', [streams[2]]],
    );
    await rehash(streams[2]);
    const r = await auditVerify(su);
    expect(r.ok).toBe(false);
    expect(r.firstMismatch).toMatchObject({ position: gone.position });
    expect(r.firstMismatch!.reason).toMatch(/missing/);
  });

  it('a stream rewritten with recomputed hashes: the anchor names the first rewritten event', async () => {
    const streams = await fixture();
    const t = await row(streams[0], 2);
    await tamper([`UPDATE es_events SET data = jsonb_set(data, '{note}', '"approved"') WHERE position = $1`, [t.position]]);
    await rehash(streams[0]);
    const r = await auditVerify(su);
    expect(r.firstMismatch).toMatchObject({ position: t.position, stream: streams[0], version: 2 });
    expect(r.firstMismatch!.reason).toMatch(/anchor/);
  });

  it('a forged event with a valid stream hash and head, back-dated, covered by no anchor: named by the anchor check', async () => {
    const streams = await fixture();
    const s = streams[1];
    const last = (await store.readStream(s)).at(-1)!;
    const recordedAt = new Date(Date.now() - 2 * 86_400_000);
    const forged = newEvent('CompletionAccepted', { approved: true }, recordedAt);
    const content = contentHash({
      eventId: forged.eventId,
      streamId: s,
      type: forged.type,
      schemaVersion: 1,
      data: forged.data,
      metadata: forged.metadata,
      occurredAt: forged.occurredAt,
      recordedAt,
    });
    const hash = chainHash(Buffer.from(last.hash, 'hex'), s, last.version + 1, content);
    const { rows } = await su.query<{ position: string }>(
      `INSERT INTO es_events (event_id, stream_id, version, type, schema_version, data, metadata, occurred_at, recorded_at, content_hash, prev_hash, hash)
       VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $8, $9, $10, $11) RETURNING position::text AS position`,
      [
        forged.eventId,
        s,
        last.version + 1,
        forged.type,
        JSON.stringify(forged.data),
        JSON.stringify(forged.metadata),
        forged.occurredAt,
        recordedAt,
        content,
        Buffer.from(last.hash, 'hex'),
        hash,
      ],
    );
    await su.query('UPDATE es_streams SET version = $2, last_hash = $3 WHERE stream_id = $1', [s, last.version + 1, hash]);
    const r = await auditVerify(su);
    expect(r.ok).toBe(false);
    expect(r.firstMismatch).toMatchObject({ position: rows[0].position, stream: s, version: last.version + 1 });
    expect(r.firstMismatch!.reason).toMatch(/not covered/);
    await tamper(['DELETE FROM es_events WHERE position = $1', [rows[0].position]]);
    await su.query('UPDATE es_streams SET version = $2, last_hash = $3 WHERE stream_id = $1', [
      s,
      last.version,
      Buffer.from(last.hash, 'hex'),
    ]);
    expect(await auditVerify(su)).toMatchObject({ ok: true });
  });

  it('two events swapped in the log (each stream still in order): the anchor names the first', async () => {
    const streams = await fixture();
    const x = await row(streams[0], 3);
    const y = await row(streams[1], 3); // the next position: streams interleave
    expect(BigInt(y.position)).toBe(BigInt(x.position) + 1n);
    // The position is an identity column: delete both and insert each at the other's place.
    const full = async (p: string) => (await su.query<Record<string, unknown>>('SELECT * FROM es_events WHERE position = $1', [p])).rows[0];
    const [fx, fy] = [await full(x.position), await full(y.position)];
    const cols = Object.keys(fx);
    const insert = (r: Record<string, unknown>, position: string): [string, unknown[]] => [
      `INSERT INTO es_events (${cols.join(', ')}) OVERRIDING SYSTEM VALUE VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
      cols.map((c) => (c === 'position' ? position : c === 'data' || c === 'metadata' ? JSON.stringify(r[c]) : r[c])),
    ];
    await tamper(
      ['DELETE FROM es_events WHERE position IN ($1, $2)', [x.position, y.position]],
      insert(fx, y.position),
      insert(fy, x.position),
    );
    const r = await auditVerify(su);
    expect(r.firstMismatch).toMatchObject({ position: x.position, stream: streams[1], version: 3 });
    expect(r.firstMismatch!.reason).toMatch(/anchor/);
    // Within a range that does not reach the swap, all is well.
    expect((await auditVerify(su, { fromPosition: '1', toPosition: String(BigInt(x.position) - 30n) })).ok).toBe(true);
  });

  it('an edited anchor: named at the anchor event', async () => {
    await fixture();
    const a = (await store.readStream(ANCHOR_STREAM)).at(-1)!;
    await tamper([
      `UPDATE es_events SET data = jsonb_set(data, '{count}', '0') WHERE stream_id = $1 AND version = $2`,
      [ANCHOR_STREAM, a.version],
    ]);
    expect((await auditVerify(su)).firstMismatch).toMatchObject({ position: a.globalPosition, stream: ANCHOR_STREAM, version: a.version });
  });
});
