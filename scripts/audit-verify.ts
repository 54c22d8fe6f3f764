import { Pool } from 'pg';
import { auditVerify } from '@dondoc/event-store';
import { loadConfig } from '@dondoc/platform';

/**
 * npm run audit:verify [-- --from <position>] [-- --to <position>]
 * Recomputes every content hash, stream chain and anchor; prints the result as JSON and exits 1
 * on the first mismatch. Needs DATABASE_URL. Meant to run nightly.
 */
async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, DONDOC_ROLE: 'worker' });
  if (!config.databaseUrl) throw new Error('DATABASE_URL: set it to the database to verify');
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const pool = new Pool({ connectionString: config.databaseUrl, max: 2 });
  try {
    const r = await auditVerify(pool, { fromPosition: arg('--from'), toPosition: arg('--to') });
    console.log(JSON.stringify({ ...r, eventsPerSecond: Math.round(r.checked / Math.max(r.seconds, 0.001)) }, null, 2));
    process.exitCode = r.ok ? 0 : 1;
  } finally {
    await pool.end();
  }
}

main().catch((e) => {
  console.error(`verification failed to run: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
});
