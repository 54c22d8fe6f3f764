/**
 * Read-your-writes with a read replica (READ_DATABASE_URL, docs/SCALING.md): each subject's last
 * write position, written on the primary before a command answers and read there before a query
 * may go to the replica. UNLOGGED: no WAL, not replicated (the replica never needs it), emptied
 * after a crash of the primary (then reads go to the replica without waiting for a mark, for
 * writes made before the crash only).
 */
export const readMarks = `
CREATE UNLOGGED TABLE api_read_marks (
  subject   text PRIMARY KEY,
  position  text COLLATE "C" NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now()
);
DO $$
BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'dondoc_app') THEN
    GRANT SELECT, INSERT, UPDATE ON api_read_marks TO dondoc_app;
  END IF;
END $$;
`;
