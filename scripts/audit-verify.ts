import { Pool } from 'pg';
import { auditVerify, auditVerifyStore, createKurrentDBEventStore } from '@dondoc/event-store';
import { loadConfig } from '@dondoc/platform';
import { verifyStoredFiles } from '../apps/api/src/files/verify-files/verify-stored-files';

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
    // Evidence files (issue 18): every referenced file re-hashed against its event's SHA-256.
    const files = kurrentdb ? undefined : await verifyStoredFiles(config, pool);
    const ok = r.ok && (files?.ok ?? true);
    console.log(
      JSON.stringify(
        { ...r, ok, eventsPerSecond: Math.round(r.checked / Math.max(r.seconds, 0.001)), ...(files ? { files } : {}) },
        null,
        2,
      ),
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    await kurrentdb?.close();
    await pool.end();
  }
}

main().catch((e) => {
  console.error(`verification failed to run: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
});
