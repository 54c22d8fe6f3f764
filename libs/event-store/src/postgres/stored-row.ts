/** An event row of es_events as PostgreSQL stores it, every column (position as text, hashes as bytes). */
export interface StoredRow {
  position: string;
  event_id: string;
  stream_id: string;
  version: number;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: unknown;
  occurred_at: Date;
  recorded_at: Date;
  content_hash: Buffer;
  prev_hash: Buffer | null;
  hash: Buffer;
}
