/**
 * Issue 19 item 5: a checkpoint row per named projection (rm_checkpoints), `main` staying the
 * runner's lease and the lowest of them. Each is seeded from `main`, so an upgrade replays
 * nothing; a projection added later starts its own row at the start of the log.
 */
export const namedCheckpoints = `
INSERT INTO rm_checkpoints (name, position, updated_at)
SELECT n, c.position, now()
  FROM rm_checkpoints c, unnest(ARRAY['offices', 'directives', 'plans', 'tasks', 'index-frameworks', 'digests', 'users', 'inspections']) AS n
 WHERE c.name = 'main'
ON CONFLICT (name) DO NOTHING;
`;
