import { Client } from 'pg';

/** Stops the embedded cluster, or drops this run's databases from the given server. */
export default async function globalTeardown(): Promise<void> {
  const stop = (globalThis as { __dondocStopDb?: () => Promise<void> }).__dondocStopDb;
  if (stop) return stop();
  const run = process.env.DONDOC_TEST_RUN;
  if (!run || !process.env.DONDOC_TEST_SERVER_URL) return;
  const admin = new Client({ connectionString: process.env.DONDOC_TEST_SERVER_URL });
  await admin.connect();
  const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`%t${run}%`]);
  for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  await admin.end();
}
