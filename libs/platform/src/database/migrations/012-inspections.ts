/**
 * Inspections and findings (issue 20): read models of the inspection-* and finding-* streams.
 * Granted to the app role by dondoc_grant_app_role() after migrating (rm_ tables).
 */
export const inspections = `
CREATE TABLE rm_inspections (
  id                 uuid PRIMARY KEY,
  code               text,
  title              text NOT NULL,
  inspecting_office  text NOT NULL,
  offices            text[] NOT NULL,
  paths              text[] NOT NULL,
  plan_id            uuid,
  period_from        date NOT NULL,
  status             text NOT NULL,
  state              jsonb NOT NULL,
  version            integer NOT NULL
);
CREATE INDEX rm_inspections_paths ON rm_inspections USING gin (paths);
CREATE INDEX rm_inspections_plan ON rm_inspections (plan_id);

CREATE TABLE rm_findings (
  id                 uuid PRIMARY KEY,
  inspection_id      uuid NOT NULL,
  inspecting_office  text NOT NULL,
  office             text NOT NULL,
  office_path        text NOT NULL,
  criterion          text,
  status             text NOT NULL,
  task_ids           uuid[] NOT NULL DEFAULT '{}',
  recorded_at        timestamptz NOT NULL,
  state              jsonb NOT NULL,
  version            integer NOT NULL
);
CREATE INDEX rm_findings_inspection ON rm_findings (inspection_id);
CREATE INDEX rm_findings_office_path ON rm_findings (office_path text_pattern_ops);
-- The file cleanup keeps files a finding's resolution references (as those of task reports).
CREATE INDEX es_events_finding_evidence ON es_events USING gin ((data->'evidence') jsonb_path_ops) WHERE type = 'FindingResolved';
`;
