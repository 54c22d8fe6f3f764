import { Client } from 'pg';
import { cloneTestDatabase } from '../../../../test/support/test-app';
import { applicationUrl } from '../../../platform/src/database/migrate';

const connect = async (url: string) => {
  const c = new Client({ connectionString: url });
  await c.connect();
  return c;
};

describe('the application role', () => {
  it('is what the application works as, and it may read and append to the log but not change it', async () => {
    const url = await cloneTestDatabase();
    const appUrl = await applicationUrl(url);
    expect(appUrl).not.toBe(url);
    // Without the trigger, only the grants stand between the application and the log.
    const owner = await connect(url);
    await owner.query('ALTER TABLE es_events DISABLE TRIGGER USER');
    const app = await connect(appUrl);
    try {
      expect((await app.query('SELECT current_user AS u')).rows[0].u).toBe('dondoc_app');
      await app.query(`SELECT * FROM es_append('role-test', -1, ARRAY[gen_random_uuid()], ARRAY['Tested'], ARRAY[1],
        ARRAY['{}'::jsonb], ARRAY['{}'::jsonb], ARRAY[now()], now(), ARRAY['\\x00'::bytea])`);
      expect((await app.query(`SELECT count(*)::int AS n FROM es_events WHERE stream_id = 'role-test'`)).rows[0].n).toBe(1);
      for (const sql of ["UPDATE es_events SET type = 'Forged'", 'DELETE FROM es_events', 'TRUNCATE es_events']) {
        await expect(app.query(sql)).rejects.toThrow(/permission denied for table es_events/);
      }
      await app.query(`INSERT INTO rm_offices (code, name, path, version) VALUES ('ROLE-T', 'x', '/ROLE-T/', 1)`);
      await app.query(`DELETE FROM rm_offices WHERE code = 'ROLE-T'`);
    } finally {
      await owner.query('ALTER TABLE es_events ENABLE TRIGGER USER');
      await app.end();
      await owner.end();
    }
  });
});
