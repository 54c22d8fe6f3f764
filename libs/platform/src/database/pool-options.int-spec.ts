import { Pool } from 'pg';
import { guardPool, poolOptions } from './pool-options';

const url = () => process.env.DONDOC_TEST_DATABASE_URL!;

describe('guardPool (PostgreSQL)', () => {
  let admin: Pool;
  beforeAll(() => {
    admin = new Pool({ connectionString: url(), max: 1 });
  });
  afterAll(() => admin.end());

  it('a checked-out client whose server session ends (57P01) fails its next query instead of ending the process', async () => {
    const pool = guardPool(new Pool(poolOptions(url(), 'dondoc-guard-test', 2)));
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on('uncaughtException', onUncaught);
    try {
      const client = await pool.connect();
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      // What a restart does to every session: FATAL 57P01 terminating connection due to administrator command.
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
      await new Promise((r) => setTimeout(r, 300));
      await expect(client.query('SELECT 1')).rejects.toThrow();
      client.release();
      // The dead client was dropped: the pool serves a fresh one.
      expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows[0].one).toBe(1);
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
      await pool.end();
    }
  });

  it('waits at most the acquire timeout for a connection', async () => {
    const pool = guardPool(new Pool(poolOptions(url(), 'dondoc-guard-test', 1, { dbAcquireTimeoutMs: 300, dbStatementTimeoutMs: 1000 })));
    const held = await pool.connect();
    try {
      const started = Date.now();
      await expect(pool.query('SELECT 1')).rejects.toThrow('timeout exceeded when trying to connect');
      expect(Date.now() - started).toBeLessThan(2000);
      // And the statement timeout holds.
      await expect(held.query('SELECT pg_sleep(3)')).rejects.toMatchObject({ code: '57014' });
    } finally {
      held.release();
      await pool.end();
    }
  });
});
