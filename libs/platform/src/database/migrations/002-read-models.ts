/** Read models and request bookkeeping. Rebuildable from the log, except idempotency records. */
export const readModels = `
CREATE TABLE rm_checkpoints (
  name              text PRIMARY KEY,
  position          text NOT NULL,
  owner             text,
  lease_expires_at  timestamptz,
  updated_at        timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE rm_offices (
  code         text PRIMARY KEY,
  name         text NOT NULL,
  parent       text,
  level        text,
  email        text,
  -- '/ROOT/.../CODE/': a subtree is a prefix
  path         text NOT NULL,
  status       text NOT NULL DEFAULT 'active',
  merged_into  text,
  version      integer NOT NULL
);
CREATE INDEX rm_offices_path ON rm_offices (path text_pattern_ops);

CREATE TABLE rm_directives (
  id         uuid PRIMARY KEY,
  number     text NOT NULL,
  kind       text NOT NULL,
  issued_on  date NOT NULL,
  issuer     text NOT NULL,
  title      text NOT NULL,
  basis      text[] NOT NULL DEFAULT '{}',
  status     text NOT NULL DEFAULT 'issued',
  state      jsonb NOT NULL,
  version    integer NOT NULL
);
CREATE INDEX rm_directives_issuer_number ON rm_directives (issuer, number);

CREATE TABLE rm_plans (
  id                   uuid PRIMARY KEY,
  code                 text,
  directive_id         uuid,
  issuer               text NOT NULL,
  title                text NOT NULL,
  period_from          date NOT NULL,
  period_to            date NOT NULL,
  requires_acceptance  boolean NOT NULL,
  follow_up            text,
  targets              jsonb NOT NULL DEFAULT '[]',
  status               text NOT NULL DEFAULT 'active',
  state                jsonb NOT NULL,
  version              integer NOT NULL
);
CREATE INDEX rm_plans_code ON rm_plans (code);

CREATE TABLE rm_tasks (
  id               uuid PRIMARY KEY,
  plan_id          uuid NOT NULL,
  title            text NOT NULL,
  lead             text NOT NULL,
  lead_path        text NOT NULL,
  supporting       text[] NOT NULL DEFAULT '{}',
  follow_up        text,
  criterion        text,
  area             text,
  original_due_on  date,
  due_on           date,
  recurring        boolean NOT NULL DEFAULT false,
  extended         boolean NOT NULL DEFAULT false,
  assigned_at      timestamptz NOT NULL,
  -- the completion that counts (accepted, or reported where no acceptance is required)
  completed_on     date,
  -- a report waiting for a leader
  awaiting_on      date,
  cancelled_at     timestamptz,
  state            jsonb NOT NULL,
  version          integer NOT NULL
);
CREATE INDEX rm_tasks_plan ON rm_tasks (plan_id);
CREATE INDEX rm_tasks_lead_path ON rm_tasks (lead_path text_pattern_ops, due_on);
CREATE INDEX rm_tasks_due ON rm_tasks (due_on) WHERE completed_on IS NULL AND cancelled_at IS NULL;

-- One row per countable item: a task, or each occurrence of a recurring task.
CREATE TABLE rm_task_items (
  task_id       uuid NOT NULL,
  key           text NOT NULL,
  plan_id       uuid NOT NULL,
  lead          text NOT NULL,
  lead_path     text NOT NULL,
  criterion     text,
  area          text,
  due_on        date,
  extended      boolean NOT NULL DEFAULT false,
  assigned_at   timestamptz NOT NULL,
  completed_on  date,
  awaiting_on   date,
  cancelled_at  timestamptz,
  PRIMARY KEY (task_id, key)
);
CREATE INDEX rm_task_items_plan ON rm_task_items (plan_id);
CREATE INDEX rm_task_items_lead_path ON rm_task_items (lead_path text_pattern_ops);
-- the overdue report and period filters look items up by deadline
CREATE INDEX rm_task_items_due ON rm_task_items (due_on);

-- Index frameworks (PAR INDEX, SIPAS, ...) per code, year and level, and each unit's latest result.
CREATE TABLE rm_index_frameworks (
  code       text NOT NULL,
  year       integer NOT NULL,
  level      text NOT NULL,
  name       text,
  areas      jsonb NOT NULL,
  criteria   jsonb NOT NULL DEFAULT '[]',
  sipas_max  text,
  version    integer NOT NULL,
  PRIMARY KEY (code, year, level)
);

CREATE TABLE rm_index_scores (
  code         text NOT NULL,
  year         integer NOT NULL,
  level        text NOT NULL,
  unit         text NOT NULL,
  scores       jsonb NOT NULL,
  sipas        text,
  total        text,
  rank         text,
  source       text,
  recorded_at  timestamptz NOT NULL,
  PRIMARY KEY (code, year, level, unit)
);

-- Weekly digests (one per office and ISO week): both parts as issued, and how delivery went.
CREATE TABLE rm_digests (
  id            text PRIMARY KEY,
  office        text NOT NULL,
  office_name   text NOT NULL,
  week          text NOT NULL,
  as_of         timestamptz NOT NULL,
  counts        jsonb NOT NULL,
  subject       text NOT NULL,
  recipients    text[] NOT NULL DEFAULT '{}',
  html          text NOT NULL,
  text          text NOT NULL,
  status        text NOT NULL,
  issued_at     timestamptz NOT NULL,
  delivered_at  timestamptz,
  message_id    text,
  attempts      integer NOT NULL DEFAULT 0,
  failures      jsonb NOT NULL DEFAULT '[]',
  version       integer NOT NULL
);
CREATE INDEX rm_digests_week ON rm_digests (week, office);
CREATE INDEX rm_digests_pending ON rm_digests (week) WHERE status <> 'delivered';

CREATE TABLE idempotency_records (
  scope        text PRIMARY KEY,
  body_hash    text NOT NULL,
  status       integer NOT NULL,
  response     jsonb NOT NULL,
  headers      jsonb NOT NULL DEFAULT '{}',
  created_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- Audit (GET /v1/audit/*): the trail by actor, by type and record time (and the back-dated
-- flags), a plan's tasks (export).
CREATE INDEX es_events_actor_position ON es_events ((metadata->'actor'->>'userId'), position);
CREATE INDEX es_events_type_recorded ON es_events (type, recorded_at);
CREATE INDEX es_events_task_plan ON es_events ((data->>'planId')) WHERE type = 'TaskAssigned';
`;
