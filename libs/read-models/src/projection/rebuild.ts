import { EventStore, GlobalPosition, START } from '@dondoc/event-store';
import type { AppConfig } from '@dondoc/platform/config/app-config';
import { createEventStore } from '@dondoc/platform/nest/event-store.factory';
import { guardPool, poolOptions } from '@dondoc/platform/database/pool-options';
import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { READ_MODEL_ENTITIES, READ_MODEL_PROJECTORS } from '../read-models';
import { MAIN_PROJECTOR, Projection, inDependencyOrder } from './projection';

const SHADOW = 'rm_rebuild';
const RETIRED = 'rm_retired';
const BATCH = 5000;

export interface RebuildResult {
  events: number;
  seconds: number;
  swapped: boolean;
  /** Per table: whether the rebuilt rows equal the live ones (check mode). */
  differences?: string[];
}

/** The read-model tables, from the entities: what a rebuild recreates and swaps. */
export function readModelTables(ds: DataSource): string[] {
  return ds.entityMetadatas.map((m) => m.tableName);
}

/**
 * Replays the whole log (PostgreSQL's, or KurrentDB's when `eventStore` says so) into shadow
 * tables (schema rm_rebuild) while the live read models keep serving, then either swaps them in
 * (the live projector's next batch sees the swapped checkpoint and carries on from it) or, with
 * `check`, compares them row for row with the live ones.
 */
export async function rebuildReadModels(
  url: string,
  opts: {
    check?: boolean;
    log?: (line: string) => void;
    /** Where the log is (EVENT_STORE, KURRENTDB_URL); PostgreSQL at `url` when not given. */
    eventStore?: Pick<AppConfig, 'eventStore' | 'kurrentdbUrl'>;
  } = {},
): Promise<RebuildResult> {
  const log = opts.log ?? (() => undefined);
  const started = Date.now();
  const shadowOptions = `-c search_path=${SHADOW},public`;
  const ds = new DataSource({ type: 'postgres', url, entities: READ_MODEL_ENTITIES, extra: { options: shadowOptions, max: 4 } });
  await ds.initialize();
  // An offline job: a bounded wait for a connection, and a statement timeout long enough for big reads.
  const pool = guardPool(
    new Pool(poolOptions(url, 'dondoc-rebuild', 2, { dbAcquireTimeoutMs: 10_000, dbStatementTimeoutMs: 10 * 60_000 })),
  );
  const store: EventStore = createEventStore(opts.eventStore ?? { eventStore: 'postgres' }, pool);
  const closeStore = opts.eventStore?.eventStore === 'kurrentdb' ? () => store.close() : async () => undefined;
  const projections: Projection[] = inDependencyOrder(READ_MODEL_PROJECTORS.map((P) => new P()));
  const tables = readModelTables(ds);
  let events = 0;
  try {
    const deferred = await createShadow(ds, SHADOW, tables);
    // A row per projection and the runner's, all at the replayed position once swapped in.
    await ds.query(
      `INSERT INTO ${SHADOW}.rm_checkpoints (name, position, updated_at) SELECT n, '', clock_timestamp() FROM unnest($1::text[]) AS n`,
      [[MAIN_PROJECTOR, ...projections.map((p) => p.name)]],
    );

    const catchUp = async (from: GlobalPosition, apply: (batch: Parameters<Projection['apply']>[0]) => Promise<void>) => {
      let position = from;
      // The next page is read while this one is applied: reading the log and writing the shadow
      // tables overlap (two connections), in the same order as before.
      let next = store.readAll({ after: position, limit: BATCH });
      for (;;) {
        const batch = await next;
        if (batch.events.length === 0) return position;
        next = store.readAll({ after: batch.position, limit: BATCH });
        await apply(batch.events).catch(async (e: unknown) => {
          await next.catch(() => undefined);
          throw e;
        });
        position = batch.position;
        events += batch.events.length;
        if (events % 50_000 < BATCH) log(`rebuilt ${events} events`);
      }
    };
    const applyIn = (manager: DataSource['manager']) => async (batch: Parameters<Projection['apply']>[0]) => {
      for (const p of projections) await p.apply(batch, manager);
    };
    let position = await catchUp(START, async (batch) => ds.transaction((tx) => applyIn(tx)(batch)));
    for (const d of deferred) await ds.query(d.def);

    if (opts.check) {
      await ds.query(`UPDATE ${SHADOW}.rm_checkpoints SET position = $1`, [position]);
      const differences: string[] = [];
      for (const t of tables.filter((x) => x !== 'rm_checkpoints')) {
        const [live] = await ds.query(checksum(`public.${t}`));
        const [rebuilt] = await ds.query(checksum(`${SHADOW}.${t}`));
        if (live.c !== rebuilt.c) differences.push(t);
      }
      await ds.query(`DROP SCHEMA ${SHADOW} CASCADE`);
      return { events, seconds: (Date.now() - started) / 1000, swapped: false, differences };
    }

    // Swap: hold the live checkpoint so no live batch commits in between, apply what came since,
    // move the tables. Readers wait for the lock a moment and then read the new tables.
    await ds.transaction(async (tx) => {
      await tx.query(`LOCK TABLE public.rm_checkpoints IN ACCESS EXCLUSIVE MODE`);
      position = await catchUp(position, applyIn(tx));
      await tx.query(`UPDATE ${SHADOW}.rm_checkpoints SET position = $1, updated_at = clock_timestamp()`, [position]);
      await tx.query(`DROP SCHEMA IF EXISTS ${RETIRED} CASCADE`);
      await tx.query(`CREATE SCHEMA ${RETIRED}`);
      for (const t of tables) {
        await tx.query(`ALTER TABLE public.${t} SET SCHEMA ${RETIRED}`);
        await tx.query(`ALTER TABLE ${SHADOW}.${t} SET SCHEMA public`);
      }
      // New tables: the application role needs its grants on them again.
      await tx.query('SELECT dondoc_grant_app_role()');
    });
    await ds.query(`DROP SCHEMA ${RETIRED} CASCADE`);
    await ds.query(`DROP SCHEMA ${SHADOW} CASCADE`);
    return { events, seconds: (Date.now() - started) / 1000, swapped: true };
  } finally {
    await ds.destroy();
    await closeStore().catch(() => undefined);
    await pool.end();
  }
}

/**
 * Schema `shadow` with empty copies of `tables`; their secondary indexes are dropped, to be built
 * once at the end (returned) rather than updated row by row during the replay; the unique ones
 * stay (upserts need them).
 */
export async function createShadow(ds: DataSource, shadow: string, tables: readonly string[]): Promise<{ name: string; def: string }[]> {
  await ds.query(`DROP SCHEMA IF EXISTS ${shadow} CASCADE`);
  await ds.query(`CREATE SCHEMA ${shadow}`);
  for (const t of tables) await ds.query(`CREATE TABLE ${shadow}.${t} (LIKE public.${t} INCLUDING ALL)`);
  const deferred = (await ds.query(
    `SELECT quote_ident(n.nspname) || '.' || quote_ident(x.relname) AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid
       JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND NOT i.indisunique`,
    [shadow],
  )) as { name: string; def: string }[];
  for (const d of deferred) await ds.query(`DROP INDEX ${d.name}`);
  return deferred;
}

/** An order-independent digest of a table's rows. */
export const checksum = (table: string) =>
  `SELECT coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '') AS c FROM ${table} t`;

/** Row digests of every read-model table (for tests comparing two states). */
export async function readModelChecksums(url: string): Promise<Record<string, string>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const out: Record<string, string> = {};
    const { rows } = await client.query<{ t: string }>(
      `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'rm\\_%' AND tablename <> 'rm_checkpoints' ORDER BY 1`,
    );
    for (const { t } of rows) out[t] = (await client.query<{ c: string }>(checksum(`public.${t}`))).rows[0].c;
    return out;
  } finally {
    await client.end();
  }
}
