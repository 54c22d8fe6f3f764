import { EventEmitter } from 'node:events';
import { Client, Pool, PoolClient } from 'pg';
import {
  AppendResult,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeOptions,
  Subscription,
  VerifyRange,
  VerifyResult,
} from '../event-store.port';
import { ConcurrencyError } from '../errors';
import { canonicalJsonOf, contentHashOfCanonical } from '../hashing';
import { GlobalPosition, START, decodePosition, encodePosition } from '../position';
import { verifyEvents } from '../verify';
import { WakeablePause } from '../wakeable-pause';

const CHANNEL = 'dondoc_events';
const APPEND_SQL =
  'SELECT status, stream_version, first_position, last_position FROM es_append($1, $2, $3::uuid[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[], $8::timestamptz[], $9, $10::bytea[])';
const APPEND_BATCH_SQL =
  'SELECT stream_index, status, stream_version, first_position, last_position FROM es_append_batch($1::text[], $2::int[], $3::int[], $4::uuid[], $5::text[], $6::int[], $7::jsonb[], $8::jsonb[], $9::timestamptz[], $10, $11::bytea[])';

interface AppendRow {
  status: 'ok' | 'duplicate' | 'conflict';
  stream_version: number;
  first_position: string | null;
  last_position: string | null;
}

/** An append's events as sent: the JSON text once, the content hash of what jsonb gives back. */
interface Prepared {
  eventIds: string[];
  types: string[];
  schema: number[];
  data: string[];
  metadata: string[];
  occurred: string[];
  hashes: Buffer[];
}

interface EventRow {
  position: string;
  tx_id: string;
  event_id: string;
  stream_id: string;
  version: number;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: RecordedEvent['metadata'];
  occurred_at: Date;
  recorded_at: Date;
  content_hash: Buffer;
  prev_hash: Buffer | null;
  hash: Buffer;
}

// The selected tx_id is text, under the column's own name: an ORDER BY must name es_events.tx_id,
// or PostgreSQL sorts by the text ('999' after '1000') and pages skip events.
const COLUMNS =
  'position, tx_id::text AS tx_id, event_id, stream_id, version, type, schema_version, data, metadata, occurred_at, recorded_at, content_hash, prev_hash, hash';

export interface PostgresEventStoreOptions {
  /** Source of `recordedAt`; the server's clock unless a test injects another. */
  now?: () => Date;
  /** How often a subscriber looks for new events when no notification wakes it. */
  pollIntervalMs?: number;
}

const expectedCode = (e: ExpectedVersion): number => (e === 'any' ? -2 : e === 'noStream' ? -1 : e);

export function toRecorded(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    version: row.version,
    position: encodePosition(row.tx_id, row.position),
    globalPosition: String(row.position),
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    prevHash: row.prev_hash ? row.prev_hash.toString('hex') : null,
    hash: row.hash.toString('hex'),
  };
}

/**
 * The event log on PostgreSQL through `pg`. Appends are one call of `es_append` (one round trip,
 * a named statement), appendMany one call of `es_append_batch`;
 * global reads stay below the oldest running transaction, so no reader skips a late commit.
 * NOTIFY is sent after commit, outside the append's transaction: inside it, PostgreSQL would
 * serialise every committing writer on the notification queue lock.
 */
export class PostgresEventStore implements EventStore {
  private readonly local = new EventEmitter();
  private notifyPending = false;
  private readonly now: () => Date;
  private readonly pollIntervalMs: number;

  constructor(
    private readonly pool: Pool,
    options: PostgresEventStoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.local.setMaxListeners(0);
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    const result = await this.appendWith(this.pool, { streamId, events, expected });
    this.announce();
    return result;
  }

  /**
   * Several streams' appends, all or nothing, in one call of es_append_batch (one round trip and
   * one INSERT for the lot): it takes every stream's lock in a fixed order, so the log keeps each
   * stream's versions in order and two such calls cannot deadlock.
   */
  async appendMany(appends: StreamAppend[]): Promise<AppendResult[]> {
    if (appends.length === 0) return [];
    const recordedAt = this.now();
    const all: Prepared = { eventIds: [], types: [], schema: [], data: [], metadata: [], occurred: [], hashes: [] };
    const counts: number[] = [];
    for (const a of appends) {
      const p = this.prepare(a.streamId, a.events, recordedAt);
      counts.push(p.eventIds.length);
      for (const key of Object.keys(all) as (keyof Prepared)[]) (all[key] as unknown[]).push(...p[key]);
    }
    const { rows } = await this.pool.query<AppendRow & { stream_index: number }>({
      name: 'es_append_batch',
      text: APPEND_BATCH_SQL,
      values: [
        appends.map((a) => a.streamId),
        appends.map((a) => expectedCode(a.expected)),
        counts,
        all.eventIds,
        all.types,
        all.schema,
        all.data,
        all.metadata,
        all.occurred,
        recordedAt.toISOString(),
        all.hashes,
      ],
    });
    const conflict = rows.find((r) => r.status === 'conflict');
    if (conflict) {
      const a = appends[conflict.stream_index - 1];
      throw new ConcurrencyError(a.streamId, a.expected, conflict.stream_version);
    }
    this.announce();
    return rows.map((row) => this.result(appends[row.stream_index - 1].streamId, row));
  }

  private prepare(streamId: string, events: NewEvent[], recordedAt: Date): Prepared {
    if (events.length === 0) throw new Error('append needs at least one event');
    const p: Prepared = { eventIds: [], types: [], schema: [], data: [], metadata: [], occurred: [], hashes: [] };
    const recorded = recordedAt.toISOString();
    for (const e of events) {
      const schemaVersion = e.schemaVersion ?? 1;
      // Canonical JSON of what jsonb gives back: hashed, and sent as is (jsonb ignores key order).
      const data = canonicalJsonOf(e.data ?? null);
      const metadata = canonicalJsonOf(e.metadata);
      const occurred = e.occurredAt.toISOString();
      p.eventIds.push(e.eventId);
      p.types.push(e.type);
      p.schema.push(schemaVersion);
      p.data.push(data);
      p.metadata.push(metadata);
      p.occurred.push(occurred);
      p.hashes.push(contentHashOfCanonical({ eventId: e.eventId, streamId, type: e.type, schemaVersion, data, metadata, occurredAt: occurred, recordedAt: recorded }));
    }
    return p;
  }

  private result(streamId: string, row: AppendRow): AppendResult {
    return {
      streamId,
      version: row.stream_version,
      firstGlobalPosition: String(row.first_position),
      lastGlobalPosition: String(row.last_position),
      duplicate: row.status === 'duplicate',
    };
  }

  private async appendWith(db: Pool | PoolClient, { streamId, events, expected }: StreamAppend): Promise<AppendResult> {
    const recordedAt = this.now();
    const p = this.prepare(streamId, events, recordedAt);
    // Named: parsed and planned once per connection.
    const { rows } = await db.query<AppendRow>({
      name: 'es_append',
      text: APPEND_SQL,
      values: [streamId, expectedCode(expected), p.eventIds, p.types, p.schema, p.data, p.metadata, p.occurred, recordedAt.toISOString(), p.hashes],
    });
    const row = rows[0];
    if (row.status === 'conflict') throw new ConcurrencyError(streamId, expected, row.stream_version);
    return this.result(streamId, row);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM es_events WHERE stream_id = $1 AND version >= $2
         AND ($3::timestamptz IS NULL OR recorded_at <= $3) ORDER BY version`,
      [streamId, options.fromVersion ?? 1, options.knownAt ?? null],
    );
    return rows.map(toRecorded);
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const after = options.after ?? START;
    const { major, minor } = decodePosition(after);
    const types = options.filter?.types ?? null;
    const prefix = options.filter?.streamPrefix ?? null;
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM es_events
        WHERE (tx_id, position) > ($1::text::xid8, $2::bigint)
          AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
          AND ($4::text[] IS NULL OR type = ANY ($4))
          AND ($5::text IS NULL OR starts_with(stream_id, $5))
        ORDER BY es_events.tx_id, es_events.position LIMIT $3`,
      [major, minor, options.limit ?? 1000, types, prefix],
    );
    const events = rows.map(toRecorded);
    return { events, position: events.length ? events[events.length - 1].position : after };
  }

  async headPosition(): Promise<GlobalPosition> {
    const { rows } = await this.pool.query<{ tx_id: string; position: string }>(
      `SELECT tx_id::text AS tx_id, position FROM es_events
        WHERE tx_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY es_events.tx_id DESC, es_events.position DESC LIMIT 1`,
    );
    return rows.length ? encodePosition(rows[0].tx_id, rows[0].position) : START;
  }

  subscribe(options: SubscribeOptions): Subscription {
    let position = options.from ?? START;
    let stopped = false;
    const pause = new WakeablePause();
    const onLocal = () => pause.wake();
    this.local.on('appended', onLocal);
    const listener = this.listen(onLocal);

    const loop = (async () => {
      while (!stopped) {
        try {
          const batch = await this.readAll({ after: position, limit: options.batchSize ?? 500, filter: options.filter });
          if (batch.events.length > 0) {
            await options.handler(batch.events, batch.position);
            position = batch.position;
            continue;
          }
        } catch (error) {
          options.onError?.(error);
        }
        if (stopped) break;
        await pause.for(this.pollIntervalMs);
      }
    })();

    return {
      stop: async () => {
        stopped = true;
        pause.wake();
        this.local.off('appended', onLocal);
        await loop;
        await listener.then((c) => c?.end()).catch(() => undefined);
      },
    };
  }

  /** Wakes subscribers in this process now, and others through one NOTIFY per tick. */
  private announce(): void {
    this.local.emit('appended');
    if (this.notifyPending) return;
    this.notifyPending = true;
    setImmediate(() => {
      this.notifyPending = false;
      this.pool.query(`NOTIFY ${CHANNEL}`).catch(() => undefined);
    });
  }

  private async listen(onNotify: () => void): Promise<Client | undefined> {
    try {
      const client = new Client({ ...(this.pool as unknown as { options: object }).options, application_name: 'dondoc-listen' });
      await client.connect();
      client.on('notification', onNotify);
      client.on('error', () => undefined); // polling still runs
      await client.query(`LISTEN ${CHANNEL}`);
      return client;
    } catch {
      return undefined; // polling is the fallback
    }
  }

  async verify(range: VerifyRange = {}): Promise<VerifyResult> {
    return verifyEvents(this.pool, range);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
