import { EventStore, GlobalPosition, RecordedEvent, START } from '@dondoc/event-store';
import type { AppConfig } from '@dondoc/platform/config/app-config';
import { createEventStore } from '@dondoc/platform/nest/event-store.factory';
import { guardPool, poolOptions } from '@dondoc/platform/database/pool-options';
import { Pool } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { READ_MODEL_ENTITIES, READ_MODEL_PROJECTORS } from '../read-models';
import { MAIN_PROJECTOR, Projection } from './projection';
import { RebuildResult, checksum, createShadow } from './rebuild';
import { lowest } from './projector.service';

const BATCH = 5000;

/**
 * `projections:rebuild -- NAME`: replays the log into new tables for that projection alone (schema
 * rm_rebuild_NAME, the other read models read where they are) while the runner keeps projecting
 * every projection, this one into its old tables too; then, in one transaction holding its row
 * (and its dependencies' and `main`: the runner's batch waits), applies what came since, swaps
 * the tables in and sets its row to the replayed position. The runner's next batch finds that row
 * moved and starts again from the stored rows: each event lands in the new tables exactly once.
 * The replay never passes its dependencies' rows (what it reads of their tables is at least that
 * far). With `check`, compares the rebuilt tables with the live ones at the live row instead.
 */
export async function rebuildProjection(
  url: string,
  name: string,
  opts: {
    check?: boolean;
    log?: (line: string) => void;
    eventStore?: Pick<AppConfig, 'eventStore' | 'kurrentdbUrl'>;
    /** Called once replayed, before the final catch-up and swap (tests write meanwhile). */
    beforeSwap?: () => Promise<void>;
  } = {},
): Promise<RebuildResult> {
  const all = READ_MODEL_PROJECTORS.map((P) => new P() as Projection);
  const projection = all.find((p) => p.name === name);
  if (!projection) throw new Error(`no projection named ${name} (one of: ${all.map((p) => p.name).join(', ')})`);
  const log = opts.log ?? (() => undefined);
  const started = Date.now();
  const shadow = `rm_rebuild_${name.replace(/[^a-z0-9]/g, '_')}`;
  const retired = `rm_retired_${name.replace(/[^a-z0-9]/g, '_')}`;
  const ds = new DataSource({
    type: 'postgres',
    url,
    entities: READ_MODEL_ENTITIES,
    extra: { options: `-c search_path=${shadow},public`, max: 4 },
  });
  await ds.initialize();
  const pool = guardPool(
    new Pool(poolOptions(url, 'dondoc-rebuild', 2, { dbAcquireTimeoutMs: 10_000, dbStatementTimeoutMs: 10 * 60_000 })),
  );
  const store: EventStore = createEventStore(opts.eventStore ?? { eventStore: 'postgres' }, pool);
  const closeStore = opts.eventStore?.eventStore === 'kurrentdb' ? () => store.close() : async () => undefined;
  const bound = [...(projection.dependsOn ?? []), ...(opts.check ? [name] : [])];
  let events = 0;

  /** Where the replay may go: the lowest of the bounding rows (none: the log's head). */
  const capOf = async (db: DataSource | EntityManager): Promise<GlobalPosition | null> => {
    if (bound.length === 0) return null;
    const rows = (await db.query(`SELECT position FROM public.rm_checkpoints WHERE name = ANY($1)`, [bound])) as { position: string }[];
    return rows.length < bound.length ? START : lowest(rows.map((r) => r.position));
  };
  const catchUp = async (from: GlobalPosition, cap: GlobalPosition | null, db: DataSource | EntityManager) => {
    let position = from;
    for (;;) {
      if (cap !== null && position >= cap) return position;
      const batch = await store.readAll({ after: position, limit: BATCH });
      const mine: RecordedEvent[] = cap === null ? batch.events : batch.events.filter((e) => e.position <= cap);
      if (mine.length) {
        if (db instanceof DataSource) await db.transaction((tx) => projection.apply(mine, tx));
        else await projection.apply(mine, db);
        events += mine.length;
        if (events % 50_000 < BATCH) log(`rebuilt ${events} events of ${name}`);
      }
      if (mine.length < batch.events.length) return mine.length ? mine[mine.length - 1].position : position;
      if (batch.events.length === 0) return position;
      position = batch.position;
    }
  };

  try {
    const deferred = await createShadow(ds, shadow, projection.tables);
    let position = await catchUp(START, await capOf(ds), ds);
    for (const d of deferred) await ds.query(d.def);
    await opts.beforeSwap?.();
    position = await catchUp(position, await capOf(ds), ds);
    const done = await ds.transaction(async (tx) => {
      // In name order, as the runner locks them: its batch waits for this transaction, not the reverse.
      await tx.query(`SELECT name FROM public.rm_checkpoints WHERE name = ANY($1) ORDER BY name FOR UPDATE`, [
        [...new Set([MAIN_PROJECTOR, name, ...(projection.dependsOn ?? [])])],
      ]);
      position = await catchUp(position, await capOf(tx), tx);
      if (opts.check) {
        const differences: string[] = [];
        for (const t of projection.tables) {
          const [live] = await tx.query(checksum(`public.${t}`));
          const [rebuilt] = await tx.query(checksum(`${shadow}.${t}`));
          if (live.c !== rebuilt.c) differences.push(t);
        }
        return { swapped: false, differences };
      }
      await tx.query(`DROP SCHEMA IF EXISTS ${retired} CASCADE`);
      await tx.query(`CREATE SCHEMA ${retired}`);
      for (const t of projection.tables) {
        await tx.query(`ALTER TABLE public.${t} SET SCHEMA ${retired}`);
        await tx.query(`ALTER TABLE ${shadow}.${t} SET SCHEMA public`);
      }
      await tx.query('SELECT dondoc_grant_app_role()');
      await tx.query(
        `INSERT INTO public.rm_checkpoints (name, position, updated_at) VALUES ($1, $2, clock_timestamp())
         ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
        [name, position],
      );
      // `main` stays the lowest row: this one may have gone back (the runner had passed its dependencies).
      const rows = (await tx.query(`SELECT position FROM public.rm_checkpoints WHERE name = ANY($1)`, [all.map((p) => p.name)])) as {
        position: string;
      }[];
      await tx.query(`UPDATE public.rm_checkpoints SET position = $2 WHERE name = $1`, [
        MAIN_PROJECTOR,
        lowest(rows.map((r) => r.position)),
      ]);
      return { swapped: true };
    });
    await ds.query(`DROP SCHEMA IF EXISTS ${retired} CASCADE`);
    await ds.query(`DROP SCHEMA IF EXISTS ${shadow} CASCADE`);
    return { events, seconds: (Date.now() - started) / 1000, ...done };
  } finally {
    await ds.destroy();
    await closeStore().catch(() => undefined);
    await pool.end();
  }
}
