import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Pool } from 'pg';
import { PG_POOL } from '@dondoc/platform';
import { FILE_CONTENT_STORE, FileContentStore } from '../storage/file-content-store.port';

export interface FileMismatch {
  fileId: string;
  name: string;
  /** The first event that references the file. */
  position: string;
  stream: string;
  version: number;
  reason: 'missing' | 'hash';
}

/** Re-hashes every file a report references and compares it with the SHA-256 the event recorded. */
@Injectable()
export class FileVerifier {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(FILE_CONTENT_STORE) private readonly store: FileContentStore,
  ) {}

  async verify(): Promise<{ ok: boolean; checked: number; firstMismatch?: FileMismatch }> {
    const { rows } = await this.pool.query<{
      file_id: string;
      sha256: string;
      name: string;
      position: string;
      stream_id: string;
      version: number;
    }>(
      `SELECT DISTINCT ON (ev->>'fileId') ev->>'fileId' AS file_id, ev->>'sha256' AS sha256, ev->>'name' AS name, e.position::text AS position, e.stream_id, e.version
         FROM rm_audit_events e CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(e.data->'evidence') = 'array' THEN e.data->'evidence' ELSE '[]'::jsonb END) ev
        WHERE e.type IN ('ProgressReported', 'CompletionReported') AND ev ? 'fileId'
        ORDER BY ev->>'fileId', e.position`,
    );
    rows.sort((a, b) => (BigInt(a.position) < BigInt(b.position) ? -1 : 1));
    let checked = 0;
    for (const r of rows) {
      const at = { fileId: r.file_id, name: r.name, position: r.position, stream: r.stream_id, version: r.version };
      if (!(await this.store.has(r.file_id))) return { ok: false, checked, firstMismatch: { ...at, reason: 'missing' } };
      const hash = createHash('sha256');
      try {
        for await (const chunk of this.store.read(r.file_id)) hash.update(chunk);
      } catch {
        return { ok: false, checked, firstMismatch: { ...at, reason: 'missing' } };
      }
      checked++;
      if (hash.digest('hex') !== r.sha256) return { ok: false, checked, firstMismatch: { ...at, reason: 'hash' } };
    }
    return { ok: true, checked };
  }
}
