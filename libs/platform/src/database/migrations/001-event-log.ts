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
  CONSTRAINT es_events_stream_version UNIQUE (stream_id, version)
);
CREATE INDEX es_events_tx_position ON es_events (tx_id, position);
-- recorded_at grows with position (appends stamp it as they come): a BRIN index serves the
-- knownAt range scans at a fraction of a btree's cost per append.
CREATE INDEX es_events_recorded_at ON es_events USING brin (recorded_at);
-- No unique index on event_id: event ids are idempotency keys within their stream (the API derives
-- them from the stream and the request's key), so the duplicate check looks in the stream, under
-- the stream's lock. A btree over random UUIDs costed every append a random page write.

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

  -- Idempotency: the same event ids again on this stream (a new stream has none). The whole
  -- stream is searched, whatever the expected version: a retry decided again on fresh state
  -- expects the version after the first attempt, with the same (derived) event ids.
  IF v_exists AND EXISTS (SELECT 1 FROM es_events e WHERE e.stream_id = p_stream AND e.event_id = p_event_ids[1]) THEN
    RETURN QUERY SELECT 'duplicate'::text, max(e.version), min(e.position), max(e.position)
      FROM es_events e WHERE e.stream_id = p_stream AND e.event_id = ANY (p_event_ids);
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
-- appendMany in one call: several streams' appends, all or nothing. Takes every stream's lock
-- (in es_lock_streams' fixed order) when the transaction has written nothing yet, else requires
-- them taken. Checks each append as es_append does (duplicate by event id within the stream,
-- expected version; a stream named twice sees its earlier append), chains the hashes, then writes
-- every event with one INSERT and every head with one upsert. Returns one row per append in
-- order; at the first conflict, only that append's row (status 'conflict'), having written nothing.
CREATE FUNCTION es_append_batch(
  p_streams text[], p_expected integer[], p_counts integer[], p_event_ids uuid[], p_types text[],
  p_schema integer[], p_data jsonb[], p_metadata jsonb[], p_occurred timestamptz[],
  p_recorded timestamptz, p_content bytea[]
) RETURNS TABLE (stream_index integer, status text, stream_version integer, first_position bigint, last_position bigint)
LANGUAGE plpgsql AS $$
DECLARE
  m integer := coalesce(array_length(p_streams, 1), 0);
  n integer := coalesce(array_length(p_event_ids, 1), 0);
  head_version integer[];
  head_hash bytea[];
  head_exists boolean[];
  earlier integer[];
  after_version integer[] := array_fill(NULL::integer, ARRAY[m]);
  after_hash bytea[] := array_fill(NULL::bytea, ARRAY[m]);
  dup boolean[] := array_fill(false, ARRAY[m]);
  from_version integer[] := array_fill(NULL::integer, ARRAY[m]);
  e_stream text[] := array_fill(NULL::text, ARRAY[n]);
  e_version integer[] := array_fill(NULL::integer, ARRAY[n]);
  e_prev bytea[] := array_fill(NULL::bytea, ARRAY[n]);
  e_hash bytea[] := array_fill(NULL::bytea, ARRAY[n]);
  e_keep boolean[] := array_fill(true, ARRAY[n]);
  first_pos bigint[];
  last_pos bigint[];
  v_version integer;
  v_hash bytea;
  v_exists boolean;
  v_expected integer;
  v_locked text;
  k integer;
  i integer;
  j integer := 0;
  c integer;
BEGIN
  IF m = 0 OR n = 0 OR array_length(p_expected, 1) IS DISTINCT FROM m OR array_length(p_counts, 1) IS DISTINCT FROM m
     OR (SELECT sum(x) FROM unnest(p_counts) x) IS DISTINCT FROM n::bigint OR EXISTS (SELECT 1 FROM unnest(p_counts) x WHERE x IS NULL OR x < 1) THEN
    RAISE EXCEPTION 'es_append_batch: every append needs at least one event, and the counts must add up' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF pg_current_xact_id_if_assigned() IS NULL THEN
    PERFORM es_lock_streams(p_streams);
  ELSE
    v_locked := coalesce(current_setting('dondoc.es_locked', true), '');
    SELECT min(x.s) INTO v_locked FROM unnest(p_streams) x(s) WHERE position(',' || hashtext(x.s) || ',' IN v_locked) = 0;
    IF v_locked IS NOT NULL THEN
      RAISE EXCEPTION 'es_append_batch: stream % was not locked before the transaction wrote: call es_lock_streams first', v_locked
        USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
  END IF;

  -- Every head at once, and for a stream named twice the index of its previous append.
  SELECT array_agg(s.version ORDER BY x.k), array_agg(s.last_hash ORDER BY x.k), array_agg(s.stream_id IS NOT NULL ORDER BY x.k),
         array_agg(x.prev ORDER BY x.k)
    INTO head_version, head_hash, head_exists, earlier
    FROM (SELECT u.id, u.k, lag(u.k) OVER (PARTITION BY u.id ORDER BY u.k) AS prev
            FROM unnest(p_streams) WITH ORDINALITY u(id, k)) x
    LEFT JOIN es_streams s ON s.stream_id = x.id;

  FOR k IN 1 .. m LOOP
    c := p_counts[k];
    IF earlier[k] IS NOT NULL THEN
      v_version := after_version[earlier[k]];
      v_hash := after_hash[earlier[k]];
      v_exists := true;
    ELSE
      v_version := coalesce(head_version[k], 0);
      v_hash := head_hash[k];
      v_exists := head_exists[k];
    END IF;
    v_expected := p_expected[k];
    IF v_exists AND (
         EXISTS (SELECT 1 FROM es_events e WHERE e.stream_id = p_streams[k] AND e.event_id = p_event_ids[j + 1])
         OR (earlier[k] IS NOT NULL AND EXISTS (SELECT 1 FROM unnest(p_event_ids[1:j], e_stream[1:j]) x(id, s)
                                                 WHERE x.id = p_event_ids[j + 1] AND x.s = p_streams[k]))) THEN
      dup[k] := true;
      FOR i IN j + 1 .. j + c LOOP e_keep[i] := false; END LOOP;
      after_version[k] := v_version;
      after_hash[k] := v_hash;
    ELSIF (v_expected = -1 AND v_version <> 0) OR (v_expected >= 0 AND v_version <> v_expected) THEN
      RETURN QUERY SELECT k, 'conflict'::text, v_version, NULL::bigint, NULL::bigint;
      RETURN;
    ELSE
      from_version[k] := v_version + 1;
      FOR i IN 1 .. c LOOP
        e_stream[j + i] := p_streams[k];
        e_version[j + i] := v_version + i;
        e_prev[j + i] := v_hash;
        v_hash := sha256(coalesce(v_hash, '\\x'::bytea) || convert_to(p_streams[k] || ':' || (v_version + i), 'UTF8') || p_content[j + i]);
        e_hash[j + i] := v_hash;
      END LOOP;
      after_version[k] := v_version + c;
      after_hash[k] := v_hash;
    END IF;
    j := j + c;
  END LOOP;

  WITH ins AS (
    INSERT INTO es_events (event_id, stream_id, version, type, schema_version, data, metadata,
                           occurred_at, recorded_at, content_hash, prev_hash, hash)
    SELECT x.eid, x.sid, x.ver, x.typ, x.sch, x.dat, x.met, x.occ, p_recorded, x.con, x.prv, x.hsh
      FROM unnest(p_event_ids, e_stream, e_version, p_types, p_schema, p_data, p_metadata, p_occurred, p_content, e_prev, e_hash, e_keep)
           WITH ORDINALITY AS x(eid, sid, ver, typ, sch, dat, met, occ, con, prv, hsh, keep, ord)
     WHERE x.keep
     ORDER BY x.ord
    RETURNING es_events.stream_id, es_events.version, es_events.position
  )
  SELECT array_agg(z.f ORDER BY z.k), array_agg(z.l ORDER BY z.k) INTO first_pos, last_pos
    FROM (SELECT r.k, min(ins.position) AS f, max(ins.position) AS l
            FROM unnest(p_streams, from_version, after_version) WITH ORDINALITY r(sid, vf, vt, k)
            LEFT JOIN ins ON ins.stream_id = r.sid AND ins.version BETWEEN r.vf AND r.vt
           GROUP BY r.k) z;

  INSERT INTO es_streams (stream_id, version, last_hash)
  SELECT DISTINCT ON (x.sid) x.sid, x.ver, x.h
    FROM unnest(p_streams, after_version, after_hash, dup) WITH ORDINALITY x(sid, ver, h, d, k)
   ORDER BY x.sid, x.k DESC
  ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, last_hash = excluded.last_hash;

  j := 0;
  FOR k IN 1 .. m LOOP
    c := p_counts[k];
    IF dup[k] THEN
      RETURN QUERY SELECT k, 'duplicate'::text, max(e.version), min(e.position), max(e.position)
        FROM es_events e WHERE e.stream_id = p_streams[k] AND e.event_id = ANY (p_event_ids[j + 1 : j + c]);
    ELSE
      RETURN QUERY SELECT k, 'ok'::text, after_version[k], first_pos[k], last_pos[k];
    END IF;
    j := j + c;
  END LOOP;
END $$;
`;
