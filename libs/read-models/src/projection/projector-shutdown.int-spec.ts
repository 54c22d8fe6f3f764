import { PostgresEventStore } from '@dondoc/event-store/postgres';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { ProjectorService } from './projector.service';

/**
 * A stop() that comes while the projector is still connecting (an app closed moments after it
 * started, as tests and rolling deploys do) wins: no lock connection and no subscription are left
 * running. Before, the attempt went on to subscribe after shutdown, polling an ended pool forever.
 */
describe('ProjectorService stopped while it connects (PostgreSQL)', () => {
  let pool: Pool;
  let admin: Pool;

  beforeAll(() => {
    pool = new Pool({ connectionString: process.env.DONDOC_TEST_DATABASE_URL, max: 4 });
    admin = new Pool({ connectionString: process.env.DONDOC_TEST_DATABASE_URL, max: 1 });
  });
  afterAll(async () => {
    await pool.end();
    await admin.end();
  });

  it('leaves no lock connection and is not active', async () => {
    const name = `shutdown-${randomUUID().slice(0, 8)}`;
    const store = new PostgresEventStore(pool, { pollIntervalMs: 50 });
    const projector = new ProjectorService(store, process.env.DONDOC_TEST_DATABASE_URL!, [], {} as DataSource);
    projector.start(name);
    await projector.stop(); // before the attempt has connected
    await new Promise((r) => setTimeout(r, 500));
    expect(projector.isActive).toBe(false);
    const { rows } = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1`, [
      `dondoc-projector-${name}`,
    ]);
    expect(rows[0].n).toBe(0);
  });
});
