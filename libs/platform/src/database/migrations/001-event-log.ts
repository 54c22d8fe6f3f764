/** The event log: append-only, hash-chained per stream, readable without gaps. */
export const eventLog = `
CREATE TABLE es_streams (
  stream_id  text PRIMARY KEY,
  version    integer NOT NULL,
  last_hash  bytea
);

CREATE TABLE es_events (
  position        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tx_id           xid8 NOT NULL DEFAULT pg_current_xact_id(),
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
  CONSTRAINT es_events_stream_version UNIQUE (stream_id, version),
  CONSTRAINT es_events_event_id UNIQUE (event_id)
);
CREATE INDEX es_events_tx_position ON es_events (tx_id, position);
CREATE INDEX es_events_recorded_at ON es_events (recorded_at);

-- The log refuses every change but INSERT, whoever asks.
CREATE FUNCTION es_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the event log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER es_events_no_update BEFORE UPDATE OR DELETE ON es_events
  FOR EACH ROW EXECUTE FUNCTION es_refuse_change();
CREATE TRIGGER es_events_no_truncate BEFORE TRUNCATE ON es_events
  FOR EACH STATEMENT EXECUTE FUNCTION es_refuse_change();

-- Readers order the log by (tx_id, position). For that order to keep each stream's versions in
-- order, a transaction must get its id only once it holds the lock of every stream it appends
-- to: so the lock is an advisory one (taking it assigns no transaction id), taken before the
-- transaction writes anything. Otherwise a writer that got its id early, then waited for the
-- stream, would write version n+1 under an older id than the writer of version n.
-- es_lock_streams takes the locks of several streams at once, in a fixed order (no deadlock),
-- for a transaction appending to more than one; es_append takes its own when nothing was written
-- yet, and refuses to append to a stream not locked in time.
CREATE FUNCTION es_lock_streams(p_streams text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  k integer;
BEGIN
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'es_lock_streams must come before the transaction writes anything'
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  FOR k IN SELECT DISTINCT hashtext(s) FROM unnest(p_streams) s ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(7360100, k);
  END LOOP;
  PERFORM set_config('dondoc.es_locked',
    coalesce(nullif(current_setting('dondoc.es_locked', true), ''), '') || ',' ||
    (SELECT string_agg(DISTINCT hashtext(s)::text, ',') FROM unnest(p_streams) s) || ',', true);
END $$;

-- One round trip per append: lock the stream, check idempotency and the expected version,
-- chain the hashes, insert the events, move the head. Expected: -2 any,
-- -1 no stream, n exact version. Returns status 'ok' | 'duplicate' | 'conflict' with the stream
-- version and global positions. The advisory lock alone serialises a stream's writers (every
-- writer comes through here), so the head row is read without a row lock of its own.
CREATE FUNCTION es_append(
  p_stream text, p_expected integer, p_event_ids uuid[], p_types text[], p_schema integer[],
  p_data jsonb[], p_metadata jsonb[], p_occurred timestamptz[], p_recorded timestamptz,
  p_content bytea[]
) RETURNS TABLE (status text, stream_version integer, first_position bigint, last_position bigint)
LANGUAGE plpgsql AS $$
DECLARE
  v_version integer;
  v_hash bytea;
  v_exists boolean;
  v_prev bytea;
  v_first bigint;
  v_last bigint;
  v_key integer := hashtext(p_stream);
  n integer := coalesce(array_length(p_event_ids, 1), 0);
  i integer;
BEGIN
  IF n = 0 THEN
    RAISE EXCEPTION 'es_append: no events' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF pg_current_xact_id_if_assigned() IS NULL THEN
    PERFORM pg_advisory_xact_lock(7360100, v_key);
    PERFORM set_config('dondoc.es_locked', coalesce(nullif(current_setting('dondoc.es_locked', true), ''), ',') || v_key || ',', true);
  ELSIF position(',' || v_key || ',' IN coalesce(current_setting('dondoc.es_locked', true), '')) = 0 THEN
    RAISE EXCEPTION 'es_append: stream % was not locked before the transaction wrote: call es_lock_streams first', p_stream
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;

  SELECT s.version, s.last_hash INTO v_version, v_hash FROM es_streams s WHERE s.stream_id = p_stream;
  v_exists := FOUND;
  IF NOT v_exists THEN
    v_version := 0;
    v_hash := NULL;
  END IF;

  IF EXISTS (SELECT 1 FROM es_events e WHERE e.event_id = p_event_ids[1]) THEN
    RETURN QUERY SELECT 'duplicate'::text, max(e.version), min(e.position), max(e.position)
      FROM es_events e WHERE e.event_id = ANY (p_event_ids);
    RETURN;
  END IF;

  IF (p_expected = -1 AND v_version <> 0) OR (p_expected >= 0 AND v_version <> p_expected) THEN
    RETURN QUERY SELECT 'conflict'::text, v_version, NULL::bigint, NULL::bigint;
    RETURN;
  END IF;

  FOR i IN 1 .. n LOOP
    v_prev := v_hash;
    v_hash := sha256(coalesce(v_prev, '\\x'::bytea) || convert_to(p_stream || ':' || (v_version + i), 'UTF8') || p_content[i]);
    -- One INSERT per event: for the usual one to three events, cheaper than one INSERT ... SELECT.
    INSERT INTO es_events (event_id, stream_id, version, type, schema_version, data, metadata,
                           occurred_at, recorded_at, content_hash, prev_hash, hash)
    VALUES (p_event_ids[i], p_stream, v_version + i, p_types[i], p_schema[i], p_data[i], p_metadata[i],
            p_occurred[i], p_recorded, p_content[i], v_prev, v_hash)
    RETURNING position INTO v_last;
    IF i = 1 THEN v_first := v_last; END IF;
  END LOOP;

  IF v_exists THEN
    UPDATE es_streams SET version = v_version + n, last_hash = v_hash WHERE stream_id = p_stream;
  ELSE
    INSERT INTO es_streams (stream_id, version, last_hash) VALUES (p_stream, v_version + n, v_hash);
  END IF;
  RETURN QUERY SELECT 'ok'::text, v_version + n, v_first, v_last;
END $$;
`;
