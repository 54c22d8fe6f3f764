/**
 * The role the application works as, where the server lets us create it: it may read and append
 * to the log but never UPDATE, DELETE or TRUNCATE it (the trigger refuses those too; this is the
 * second lock). Read models and request records are its to change. `dondoc_grant_app_role()` runs
 * after every migration and every projection rebuild, so new tables are granted too.
 */
export const appRole = `
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dondoc_app') THEN
    BEGIN
      CREATE ROLE dondoc_app NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation OR insufficient_privilege THEN
      NULL; -- another database of this cluster made it, or we may not: then we run as we are
    END;
  END IF;
END $$;

CREATE FUNCTION dondoc_grant_app_role() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  t text;
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dondoc_app') THEN
    RETURN;
  END IF;
  EXECUTE 'GRANT USAGE ON SCHEMA public TO dondoc_app';
  EXECUTE 'GRANT SELECT, INSERT ON es_events TO dondoc_app';
  EXECUTE 'GRANT SELECT, INSERT, UPDATE ON es_streams TO dondoc_app';
  EXECUTE 'GRANT SELECT ON dondoc_schema TO dondoc_app';
  EXECUTE 'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO dondoc_app';
  FOR t IN SELECT tablename FROM pg_tables
            WHERE schemaname = 'public' AND (tablename LIKE 'rm\\_%' OR tablename = 'idempotency_records') LOOP
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON public.%I TO dondoc_app', t);
  END LOOP;
END $$;
`;
