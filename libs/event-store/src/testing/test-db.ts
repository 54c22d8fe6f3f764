import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { NewEvent } from '../event-store.port';

export function testPool(max = 20): Pool {
  return new Pool({ connectionString: process.env.DONDOC_TEST_DATABASE_URL, max });
}

export const testActor = { userId: 'u-test', role: 'admin', office: 'ROOT' };

export function newEvent(type = 'Something', data: unknown = { n: 1 }, occurredAt = new Date()): NewEvent {
  return { eventId: randomUUID(), type, data, metadata: { actor: testActor, correlationId: randomUUID() }, occurredAt };
}

/** A fresh stream id per test: tests share one database and never truncate it. */
export const freshStream = (prefix = 'test') => `${prefix}-${randomUUID()}`;

/** Runs statements with the log's user triggers off: what an attacker with superuser rights would do. */
export async function tamperWith(superuser: Pool, ...statements: [string, unknown[]?][]): Promise<void> {
  const c = await superuser.connect();
  try {
    await c.query('BEGIN');
    await c.query('ALTER TABLE es_events DISABLE TRIGGER USER');
    for (const [text, values] of statements) await c.query(text, values ?? []);
    await c.query('ALTER TABLE es_events ENABLE TRIGGER USER');
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

/** An event row as PostgreSQL stores it (position as text), for tests that read below the port. */
export interface StoredRow {
  position: string;
  event_id: string;
  stream_id: string;
  version: number;
  type: string;
  data: unknown;
  metadata: unknown;
  occurred_at: Date;
  recorded_at: Date;
  content_hash: Buffer;
  prev_hash: Buffer | null;
  hash: Buffer;
}

/** A stream's stored rows in version order. */
export async function storedRows(db: Pool, streamId: string): Promise<StoredRow[]> {
  return (
    await db.query<StoredRow>('SELECT *, position::text AS position FROM es_events WHERE stream_id = $1 ORDER BY version', [streamId])
  ).rows;
}

/** The stored row of one event. */
export async function storedRow(db: Pool, streamId: string, version: number): Promise<StoredRow> {
  return (
    await db.query<StoredRow>('SELECT *, position::text AS position FROM es_events WHERE stream_id = $1 AND version = $2', [
      streamId,
      version,
    ])
  ).rows[0];
}
