import { createHash } from 'node:crypto';
import { Pool, PoolClient } from 'pg';
import { ContentWrite, FileContentStore } from './file-content-store.port';

/**
 * Content-addressed chunks in PostgreSQL (needs nothing else, is in every backup). A write is one
 * transaction: refused, over the limit or cut off, it rolls back and nothing is left.
 */
export class PostgresFileContentStore implements FileContentStore {
  constructor(private readonly pool: Pool) {}

  async begin(): Promise<ContentWrite> {
    const client = await this.pool.connect();
    await client.query('BEGIN');
    return new PostgresContentWrite(client);
  }

  async *read(id: string, range?: { start: number; end: number }): AsyncIterable<Uint8Array> {
    const start = range?.start ?? 0;
    const end = range?.end ?? Number.MAX_SAFE_INTEGER;
    const { rows } = await this.pool.query<{ offset: string; length: number; chunk_hash: Buffer }>(
      `SELECT "offset", length, chunk_hash FROM file_manifests WHERE file_id = $1 AND "offset" + length > $2 AND "offset" <= $3 ORDER BY seq`,
      [id, start, end],
    );
    for (const row of rows) {
      const offset = Number(row.offset);
      const from = Math.max(0, start - offset);
      const to = Math.min(row.length, end - offset + 1);
      // substring in SQL: only the bytes asked for leave the server (bytea offsets are 1-based).
      const { rows: data } = await this.pool.query<{ data: Buffer }>(
        'SELECT substring(data FROM $2 FOR $3) AS data FROM file_chunks WHERE hash = $1',
        [row.chunk_hash, from + 1, to - from],
      );
      if (!data.length) throw new Error(`file ${id}: chunk ${row.chunk_hash.toString('hex')} is missing`);
      yield data[0].data;
    }
  }

  async has(id: string): Promise<boolean> {
    const { rows } = await this.pool.query('SELECT 1 FROM file_manifests WHERE file_id = $1 LIMIT 1', [id]);
    return rows.length > 0;
  }

  async remove(id: string): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ chunk_hash: Buffer }>('DELETE FROM file_manifests WHERE file_id = $1 RETURNING chunk_hash', [
        id,
      ]);
      // A chunk another file (or an upload in progress, which holds it FOR KEY SHARE) still uses stays.
      await client.query(
        `DELETE FROM file_chunks c WHERE c.hash = ANY($1::bytea[])
           AND NOT EXISTS (SELECT 1 FROM file_manifests m WHERE m.chunk_hash = c.hash)
           AND c.hash IN (SELECT hash FROM file_chunks WHERE hash = ANY($1::bytea[]) FOR UPDATE SKIP LOCKED)`,
        [rows.map((r) => r.chunk_hash)],
      );
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async orphans(known: (id: string) => Promise<boolean>, before: Date): Promise<string[]> {
    const { rows } = await this.pool.query<{ file_id: string }>(
      'SELECT file_id FROM file_manifests m WHERE seq = 0 AND stored_at < $1 AND NOT EXISTS (SELECT 1 FROM files f WHERE f.id = m.file_id)',
      [before],
    );
    const out: string[] = [];
    for (const r of rows) if (!(await known(r.file_id))) out.push(r.file_id);
    return out;
  }
}

class PostgresContentWrite implements ContentWrite {
  private readonly chunks: { hash: Buffer; offset: number; length: number }[] = [];
  private offset = 0;
  private done = false;

  constructor(private readonly client: PoolClient) {}

  async write(chunk: Uint8Array): Promise<void> {
    const hash = createHash('sha256').update(chunk).digest();
    await this.client.query('INSERT INTO file_chunks (hash, data) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING', [
      hash,
      Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength),
    ]);
    // Held until commit: a cleanup removing another file cannot take a chunk this one reuses.
    await this.client.query('SELECT 1 FROM file_chunks WHERE hash = $1 FOR KEY SHARE', [hash]);
    this.chunks.push({ hash, offset: this.offset, length: chunk.byteLength });
    this.offset += chunk.byteLength;
  }

  async commit(id: string): Promise<void> {
    try {
      await this.client.query(
        `INSERT INTO file_manifests (file_id, seq, "offset", length, chunk_hash)
         SELECT $1, s.seq, s.off, s.len, s.hash FROM unnest($2::int[], $3::bigint[], $4::int[], $5::bytea[]) AS s(seq, off, len, hash)
         ON CONFLICT (file_id, seq) DO NOTHING`,
        [
          id,
          this.chunks.map((_, i) => i),
          this.chunks.map((c) => c.offset),
          this.chunks.map((c) => c.length),
          this.chunks.map((c) => c.hash),
        ],
      );
      await this.client.query('COMMIT');
    } catch (e) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      this.release(true);
      throw e;
    } finally {
      this.release();
    }
  }

  async abort(): Promise<void> {
    if (this.done) return;
    const failed = await this.client.query('ROLLBACK').then(
      () => false,
      () => true,
    );
    // A connection the server ended (idle in transaction too long) is discarded, not pooled again.
    this.release(failed);
  }

  private release(discard = false): void {
    if (this.done) return;
    this.done = true;
    this.client.release(discard);
  }
}
