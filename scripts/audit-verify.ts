import { Pool } from 'pg';
import { auditVerify, auditVerifyStore, createKurrentDBEventStore } from '@dondoc/event-store';
import { loadConfig } from '@dondoc/platform';

/**
 * npm run audit:verify [-- --from <position>] [-- --to <position>]
 * Recomputes every content hash, stream chain and anchor; prints the result as JSON and exits 1
 * on the first mismatch. Needs DATABASE_URL. Meant to run nightly. Under EVENT_STORE=kurrentdb it
 * walks KurrentDB's log (every hash and chain; there are no anchors there yet).
 */
async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, DONDOC_ROLE: 'worker' });
  if (!config.databaseUrl) throw new Error('DATABASE_URL: set it to the database to verify');
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const pool = new Pool({ connectionString: config.databaseUrl, max: 2 });
  const kurrentdb = config.eventStore === 'kurrentdb' ? createKurrentDBEventStore(config.kurrentdbUrl!) : null;
  try {
    const range = { fromPosition: arg('--from'), toPosition: arg('--to') };
    const r = kurrentdb ? await auditVerifyStore(kurrentdb, range) : await auditVerify(pool, range);
    console.log(JSON.stringify({ ...r, eventsPerSecond: Math.round(r.checked / Math.max(r.seconds, 0.001)) }, null, 2));
    process.exitCode = r.ok ? 0 : 1;
  } finally {
    await kurrentdb?.close();
    await pool.end();
  }
}

main().catch((e) => {
  console.error(`verification failed to run: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
});
