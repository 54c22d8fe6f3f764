/**
 * Where a file's bytes live, behind a port: PostgreSQL chunks by default, S3-compatible object
 * storage when FILE_STORE=s3. Content is addressed by its SHA-256 and never overwritten.
 */
export interface FileContentStore {
  /** Starts a write of a file whose id (hash) is known only at the end. */
  begin(): Promise<ContentWrite>;
  /** The bytes from `start` to `end` inclusive (default: all), chunk by chunk. */
  read(id: string, range?: { start: number; end: number }): AsyncIterable<Uint8Array>;
  has(id: string): Promise<boolean>;
  remove(id: string): Promise<void>;
  /** Ids of content stored before `before` that no catalogue row names (a crash between the two writes). */
  orphans(known: (id: string) => Promise<boolean>, before: Date): Promise<string[]>;
}

export interface ContentWrite {
  /** Takes the chunks in order; resolves when the store has them (back-pressure for the upload). */
  write(chunk: Uint8Array): Promise<void>;
  /** Keeps the bytes under `id`; content already stored under it is kept as it is (never overwritten). */
  commit(id: string, size: number): Promise<void>;
  /** Forgets everything written: an upload refused or interrupted leaves nothing. */
  abort(): Promise<void>;
}

export const FILE_CONTENT_STORE = Symbol('FileContentStore');
/** Chunk size of the PostgreSQL store and of the upload pipeline. */
export const CHUNK_BYTES = 256 * 1024;
