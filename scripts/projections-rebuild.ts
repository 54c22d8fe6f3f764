import { loadConfig } from '@dondoc/platform';
import { rebuildReadModels } from '@dondoc/read-models/projection/rebuild';

/**
 * npm run projections:rebuild [-- --check]
 * Replays the log into new read-model tables and swaps them in when caught up; reads keep being
 * served from the old ones meanwhile. `--check` compares instead of swapping (exit 1 on a difference).
 * Needs DATABASE_URL (for the embedded database, start the service once and use the URL it logs).
 * The log is read from where EVENT_STORE says (KurrentDB at KURRENTDB_URL under EVENT_STORE=kurrentdb).
 */
async function main(): Promise<void> {
  // As the worker: it verifies no tokens, so JWT_SECRET is not asked for.
  const config = loadConfig({ ...process.env, DONDOC_ROLE: 'worker' });
  if (!config.databaseUrl) throw new Error('DATABASE_URL: set it to the database to rebuild');
  const check = process.argv.includes('--check');
  const result = await rebuildReadModels(config.databaseUrl, { check, log: (l) => console.log(l), eventStore: config });
  console.log(
    `${result.events} events replayed in ${result.seconds.toFixed(1)} s (${Math.round(result.events / Math.max(result.seconds, 0.001))} events/s)`,
  );
  if (check) {
    console.log(result.differences?.length ? `differ: ${result.differences.join(', ')}` : 'read models equal a clean rebuild');
    process.exit(result.differences?.length ? 1 : 0);
  }
  console.log('swapped in');
}

main().catch((e) => {
  console.error(`rebuild failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
