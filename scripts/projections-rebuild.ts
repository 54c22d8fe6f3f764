import { loadConfig } from '@dondoc/platform';
import { rebuildReadModels } from '@dondoc/read-models/projection/rebuild';
import { rebuildProjection } from '@dondoc/read-models/projection/rebuild-projection';

/**
 * npm run projections:rebuild [-- NAME] [-- --check]
 * Replays the log into new read-model tables and swaps them in when caught up; reads keep being
 * served from the old ones meanwhile. With a projection's NAME (`tasks`), that one alone: the
 * running projector keeps projecting the others (and this one, into the old tables) meanwhile.
 * `--check` compares instead of swapping (exit 1 on a difference).
 * Needs DATABASE_URL (for the embedded database, start the service once and use the URL it logs).
 * The log is read from where EVENT_STORE says (KurrentDB at KURRENTDB_URL under EVENT_STORE=kurrentdb).
 */
async function main(): Promise<void> {
  // As the worker: it verifies no tokens, so JWT_SECRET is not asked for.
  const config = loadConfig({ ...process.env, DONDOC_ROLE: 'worker' });
  if (!config.databaseUrl) throw new Error('DATABASE_URL: set it to the database to rebuild');
  const check = process.argv.includes('--check');
  const name = process.argv.slice(2).find((a) => !a.startsWith('--'));
  const opts = { check, log: (l: string) => console.log(l), eventStore: config };
  const result = name ? await rebuildProjection(config.databaseUrl, name, opts) : await rebuildReadModels(config.databaseUrl, opts);
  console.log(
    `${result.events} events replayed in ${result.seconds.toFixed(1)} s (${Math.round(result.events / Math.max(result.seconds, 0.001))} events/s)`,
  );
  if (check) {
    console.log(result.differences?.length ? `differ: ${result.differences.join(', ')}` : 'read models equal a clean rebuild');
    process.exit(result.differences?.length ? 1 : 0);
  }
  console.log(name ? `${name} swapped in` : 'swapped in');
}

main().catch((e) => {
  console.error(`rebuild failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
