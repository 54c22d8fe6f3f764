/**
 * Which offices an event belongs to, for scoping the audit trail (rule chosen for Dondoc):
 * - a task's events belong to the task's lead office at that event (the lead after the event;
 *   a reassignment belongs to both the office it left and the one it went to);
 * - a plan's or directive's events to its issuer; an office's events to that office;
 * - a user's events to every office the user was ever granted a role in, and to the actor's office;
 * - any other stream (imports, index frameworks, digests) to the office of the actor who wrote it;
 * - the `anchors` stream holds only hashes and is shown to every inspector.
 * An inspector sees an event when one of its offices lies in the inspector's subtree.
 * `e` is the rm_audit_events row (the audit index).
 */
export const SUBJECT_OFFICES_SQL = `
  CASE
    WHEN starts_with(e.stream_id, 'task-') THEN ARRAY[
      (SELECT coalesce(t.data->>'to', t.data->>'lead') FROM rm_audit_events t
        WHERE t.stream_id = e.stream_id AND t.version <= e.version AND t.type IN ('TaskAssigned', 'TaskReassigned')
        ORDER BY t.version DESC LIMIT 1),
      CASE WHEN e.type = 'TaskReassigned' THEN e.data->>'from' END]
    WHEN starts_with(e.stream_id, 'plan-') OR starts_with(e.stream_id, 'directive-') THEN ARRAY[
      (SELECT t.data->>'issuer' FROM rm_audit_events t WHERE t.stream_id = e.stream_id AND t.version = 1)]
    WHEN starts_with(e.stream_id, 'office-') THEN ARRAY[substr(e.stream_id, 8)]
    WHEN starts_with(e.stream_id, 'user-') THEN ARRAY(
      SELECT t.data->>'office' FROM rm_audit_events t WHERE t.stream_id = e.stream_id AND t.type = 'UserGranted') || ARRAY[e.metadata->'actor'->>'office']
    WHEN e.stream_id = 'anchors' THEN ARRAY[]::text[]
    ELSE ARRAY[e.metadata->'actor'->>'office']
  END`;
