/**
 * Idempotency records as claims: a request claims its key with one INSERT … ON CONFLICT (an
 * 'in_progress' row) and fills the answer in when it is done, so no pooled connection is held
 * across the handler. Every record expires: a claim whose process died is taken over once its
 * lease is up, and a periodic job deletes answers older than the TTL.
 */
export const idempotencyClaims = `
ALTER TABLE idempotency_records
  ADD COLUMN state text NOT NULL DEFAULT 'done' CHECK (state IN ('in_progress', 'done')),
  ADD COLUMN expires_at timestamptz NOT NULL DEFAULT clock_timestamp() + interval '24 hours',
  ALTER COLUMN status DROP NOT NULL,
  ALTER COLUMN response DROP NOT NULL;
ALTER TABLE idempotency_records ADD CONSTRAINT idempotency_records_done_has_answer
  CHECK (state = 'in_progress' OR (status IS NOT NULL AND response IS NOT NULL));
CREATE INDEX idempotency_records_expiry ON idempotency_records (expires_at);
`;
