/**
 * Evidence files (issue 18). `files` is the catalogue (facts recorded when uploaded; id = SHA-256
 * of the bytes); `file_uploaders` who uploaded each (they may download it before any report
 * references it) and when (the cleanup's grace counts from the last touch). The default content
 * store is content-addressed chunks: a chunk is stored once whatever file holds it, and a file's
 * manifest lists its chunks in order with their offsets (Range reads fetch only the chunks needed).
 * References are not kept here: the event log is the truth, and the GIN index below answers
 * "which reports name this file" for downloads, the cleanup and verify.
 */
export const files = `
CREATE TABLE files (
  id          text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{64}$'),
  name        text NOT NULL,
  size        bigint NOT NULL,
  type        text NOT NULL,
  created_at  timestamptz NOT NULL,
  touched_at  timestamptz NOT NULL
);
CREATE TABLE file_uploaders (
  file_id      text NOT NULL REFERENCES files (id) ON DELETE CASCADE,
  user_id      text NOT NULL,
  uploaded_at  timestamptz NOT NULL,
  PRIMARY KEY (file_id, user_id)
);
CREATE TABLE file_chunks (
  hash  bytea PRIMARY KEY,
  data  bytea NOT NULL
);
CREATE TABLE file_manifests (
  file_id     text NOT NULL,
  seq         integer NOT NULL,
  "offset"    bigint NOT NULL,
  length      integer NOT NULL,
  chunk_hash  bytea NOT NULL REFERENCES file_chunks (hash),
  -- Bytes without a catalogue row are removed only once this is past the grace time: an upload
  -- writes its bytes, then its catalogue row, and must not lose them in between.
  stored_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (file_id, seq)
);
CREATE INDEX file_manifests_chunk ON file_manifests (chunk_hash);
CREATE INDEX es_events_evidence ON es_events USING gin ((data->'evidence') jsonb_path_ops)
  WHERE type IN ('ProgressReported', 'CompletionReported');

DO $$
BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'dondoc_app') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON files, file_uploaders, file_chunks, file_manifests TO dondoc_app;
  END IF;
END $$;
`;
