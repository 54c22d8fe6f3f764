import { MIGRATIONS } from '@dondoc/platform/database/migrations';
import { migrate } from '@dondoc/platform/database/migrate';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { READ_MODEL_PROJECTORS } from '../read-models';

/**
 * Migration 013 (named checkpoints): an upgraded database gives every projection of today a row
 * at `main`'s position, so the runner replays nothing after the upgrade.
 */
describe('migration 013: a checkpoint row per projection, from main', () => {
  let admin: Client;
  let db: Client | undefined;
  let name: string;

  beforeAll(async () => {
    admin = new Client({ connectionString: process.env.DONDOC_TEST_SERVER_URL });
    await admin.connect();
  });
  afterAll(async () => {
    await db?.end();
    if (name) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('seeds each projection at main and leaves main as it was', async () => {
    // Given a database at migration 012 whose projector stood at some position
    name = `dondoc_t${process.env.DONDOC_TEST_RUN}_ckpt_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(process.env.DONDOC_TEST_SERVER_URL!);
    url.pathname = `/${name}`;
    const before = MIGRATIONS.filter((m) => m.version < 13);
    await migrate(url.toString(), before);
    db = new Client({ connectionString: url.toString() });
    await db.connect();
    const at = '00000000000000000123.00000000000000000004';
    await db.query(`INSERT INTO rm_checkpoints (name, position, owner, updated_at) VALUES ('main', $1, 'w:1', now())`, [at]);
    // When it is upgraded
    await migrate(
      url.toString(),
      MIGRATIONS.filter((m) => m.version <= 13),
    );
    // Then every registered projection has its row at main's position, and main is unchanged
    const { rows } = await db.query<{ name: string; position: string; owner: string | null }>(
      'SELECT name, position, owner FROM rm_checkpoints ORDER BY name',
    );
    // (a projection registered after 013 starts its own row at the start of the log instead)
    const seeded = ['offices', 'directives', 'plans', 'tasks', 'index-frameworks', 'digests', 'users', 'inspections'];
    const registered = READ_MODEL_PROJECTORS.map((P) => new P().name);
    expect(registered).toEqual(expect.arrayContaining(seeded));
    expect(rows.map((r) => r.name).sort()).toEqual(['main', ...seeded].sort());
    expect(rows.every((r) => r.position === at)).toBe(true);
    expect(rows.find((r) => r.name === 'main')?.owner).toBe('w:1');
  });
});
