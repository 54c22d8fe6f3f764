import { testPool } from '@dondoc/event-store/testing/test-db';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { IdempotencySweeper } from './idempotency-sweeper.service';

describe('IdempotencySweeper (PostgreSQL)', () => {
  let pool: Pool;
  beforeAll(() => {
    pool = testPool(2);
  });
  afterAll(() => pool.end());

  it('deletes expired records, answers and stale claims alike, and keeps live ones', async () => {
    const tag = randomUUID();
    const insert = (name: string, state: string, expires: string) =>
      pool.query(
        `INSERT INTO idempotency_records (scope, body_hash, state, status, response, expires_at)
         VALUES ($1, 'h', $2, CASE WHEN $2 = 'done' THEN 201 END, CASE WHEN $2 = 'done' THEN '{}'::jsonb END, clock_timestamp() + $3::interval)`,
        [`${tag}:${name}`, state, expires],
      );
    await insert('old-answer', 'done', '-1 second');
    await insert('stale-claim', 'in_progress', '-1 second');
    await insert('live-answer', 'done', '1 hour');
    await insert('live-claim', 'in_progress', '1 minute');
    expect(await new IdempotencySweeper(pool).sweep()).toBeGreaterThanOrEqual(2);
    const { rows } = await pool.query<{ scope: string }>('SELECT scope FROM idempotency_records WHERE scope LIKE $1 ORDER BY scope', [
      `${tag}:%`,
    ]);
    expect(rows.map((r) => r.scope.slice(tag.length + 1))).toEqual(['live-answer', 'live-claim']);
  });
});
