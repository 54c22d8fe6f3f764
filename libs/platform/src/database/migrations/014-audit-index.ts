/**
 * The audit index (issue 19): a read model holding every event as the log stored it, written by
 * the projector in the same transaction as the other read models, so the audit listing, flags,
 * export, the file references and the imports list read it whatever store keeps the log
 * (PostgreSQL or KurrentDB). `log_position` is the store's opaque, comparable position (log order);
 * `position` the event's number. Back-filled here from PostgreSQL's log (a KurrentDB deployment
 * fills it with `npm run rebuild`); the projector skips what is already there. The audit-only
 * indexes leave es_events: appends no longer maintain them.
 */
export const auditIndex = `
CREATE TABLE rm_audit_events (
  position        bigint PRIMARY KEY,
  log_position    text NOT NULL,
  event_id        uuid NOT NULL,
  stream_id       text NOT NULL,
  version         integer NOT NULL,
  type            text NOT NULL,
  schema_version  integer NOT NULL,
  data            jsonb NOT NULL,
  metadata        jsonb NOT NULL,
  occurred_at     timestamptz NOT NULL,
  recorded_at     timestamptz NOT NULL,
  content_hash    bytea NOT NULL,
  prev_hash       bytea,
  hash            bytea NOT NULL,
  CONSTRAINT rm_audit_events_log_position UNIQUE (log_position),
  CONSTRAINT rm_audit_events_stream_version UNIQUE (stream_id, version)
);

INSERT INTO rm_audit_events
SELECT position, lpad(tx_id::text, 20, '0') || '.' || lpad(position::text, 20, '0'), event_id, stream_id, version, type,
       schema_version, data, metadata, occurred_at, recorded_at, content_hash, prev_hash, hash
  FROM es_events;

-- The trail by actor, by type and record time (and the back-dated flags), a plan's tasks (export),
-- the files that reports and resolved findings reference (file cleanup, verification).
CREATE INDEX rm_audit_events_actor ON rm_audit_events ((metadata->'actor'->>'userId'), log_position);
CREATE INDEX rm_audit_events_type_recorded ON rm_audit_events (type, recorded_at);
CREATE INDEX rm_audit_events_task_plan ON rm_audit_events ((data->>'planId')) WHERE type = 'TaskAssigned';
CREATE INDEX rm_audit_events_evidence ON rm_audit_events USING gin ((data->'evidence') jsonb_path_ops)
  WHERE type IN ('ProgressReported', 'CompletionReported', 'FindingResolved');

-- Only the audit and the file references used these; es_events_type_recorded stays (time-travel
-- reads filter the log by type).
DROP INDEX IF EXISTS es_events_actor_position;
DROP INDEX IF EXISTS es_events_task_plan;
DROP INDEX IF EXISTS es_events_evidence;
DROP INDEX IF EXISTS es_events_finding_evidence;

-- The back-fill holds every event committed so far: the projection's own checkpoint starts where
-- the read models stand (main), not at the start of the log (what it replays again is skipped).
INSERT INTO rm_checkpoints (name, position, updated_at)
SELECT 'audit-index', c.position, now() FROM rm_checkpoints c WHERE c.name = 'main'
ON CONFLICT (name) DO NOTHING;

DO $$
BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'dondoc_app') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON rm_audit_events TO dondoc_app;
  END IF;
END $$;
`;
