import { Inject, Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { FileFacts, FileType } from '@dondoc/domain/files';
import { PG_POOL } from '@dondoc/platform';

export interface FileRow extends FileFacts {
  createdAt: Date;
  touchedAt: Date;
}

/** The catalogue of uploaded files (PostgreSQL whatever store holds the bytes), and who uploaded each. */
@Injectable()
export class FileCatalog {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** Records the file (the first upload's name and type stay) and this uploader; touches the grace clock. */
  async record(facts: FileFacts, userId: string, at: Date): Promise<FileFacts> {
    const { rows } = await this.pool.query(
      `WITH f AS (
         INSERT INTO files (id, name, size, type, created_at, touched_at) VALUES ($1, $2, $3, $4, $5, $5)
         ON CONFLICT (id) DO UPDATE SET touched_at = GREATEST(files.touched_at, EXCLUDED.touched_at)
         RETURNING *
       ), u AS (
         INSERT INTO file_uploaders (file_id, user_id, uploaded_at) SELECT id, $6, $5 FROM f
         ON CONFLICT (file_id, user_id) DO UPDATE SET uploaded_at = EXCLUDED.uploaded_at
       )
       SELECT * FROM f`,
      [facts.id, facts.name, facts.size, facts.type, at, userId],
    );
    return toFacts(rows[0]);
  }

  async get(id: string): Promise<FileRow | null> {
    const { rows } = await this.pool.query('SELECT * FROM files WHERE id = $1', [id]);
    return rows.length ? { ...toFacts(rows[0]), createdAt: rows[0].created_at, touchedAt: rows[0].touched_at } : null;
  }

  /** The files named, touched at `at`: a report about to reference them restarts their grace time. */
  async touch(ids: string[], at: Date): Promise<Map<string, FileFacts>> {
    const { rows } = await this.pool.query('UPDATE files SET touched_at = GREATEST(touched_at, $2) WHERE id = ANY($1) RETURNING *', [
      ids,
      at,
    ]);
    return new Map(rows.map((r) => [r.id as string, toFacts(r)]));
  }

  async isUploader(id: string, userId: string): Promise<boolean> {
    const { rows } = await this.pool.query('SELECT 1 FROM file_uploaders WHERE file_id = $1 AND user_id = $2', [id, userId]);
    return rows.length > 0;
  }

  /** The task ids whose progress or completion reports reference the file (the event log is the truth, read through its audit index). */
  async referencingTasks(id: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ stream_id: string }>(
      `SELECT DISTINCT stream_id FROM rm_audit_events
        WHERE type IN ('ProgressReported', 'CompletionReported') AND data->'evidence' @> jsonb_build_array(jsonb_build_object('fileId', $1::text))`,
      [id],
    );
    return rows.map((r) => r.stream_id.replace(/^task-/, ''));
  }

  /** The findings whose resolution references the file (issue 20). */
  async referencingFindings(id: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ stream_id: string }>(
      `SELECT DISTINCT stream_id FROM rm_audit_events
        WHERE type = 'FindingResolved' AND data->'evidence' @> jsonb_build_array(jsonb_build_object('fileId', $1::text))`,
      [id],
    );
    return rows.map((r) => r.stream_id.replace(/^finding-/, ''));
  }

  /** Unreferenced files whose last touch is before `cutoff` (a finding's resolution references files too). */
  async unreferencedBefore(cutoff: Date): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT f.id FROM files f WHERE f.touched_at < $1 AND NOT EXISTS (
         SELECT 1 FROM rm_audit_events e WHERE e.type IN ('ProgressReported', 'CompletionReported', 'FindingResolved')
            AND e.data->'evidence' @> jsonb_build_array(jsonb_build_object('fileId', f.id)))`,
      [cutoff],
    );
    return rows.map((r) => r.id);
  }

  /** Deletes the catalogue row only if the file is still unreferenced and untouched since `cutoff`. */
  async removeIfUnreferenced(id: string, cutoff: Date): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `DELETE FROM files f WHERE f.id = $1 AND f.touched_at < $2 AND NOT EXISTS (
         SELECT 1 FROM rm_audit_events e WHERE e.type IN ('ProgressReported', 'CompletionReported', 'FindingResolved')
            AND e.data->'evidence' @> jsonb_build_array(jsonb_build_object('fileId', f.id)))`,
      [id, cutoff],
    );
    return (rowCount ?? 0) > 0;
  }

  async exists(id: string): Promise<boolean> {
    const { rows } = await this.pool.query('SELECT 1 FROM files WHERE id = $1', [id]);
    return rows.length > 0;
  }
}

function toFacts(r: Record<string, unknown>): FileFacts {
  return { id: r.id as string, name: r.name as string, size: Number(r.size), type: r.type as FileType, sha256: r.id as string };
}
