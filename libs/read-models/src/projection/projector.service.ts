import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EventStore, GlobalPosition, RecordedEvent, START, Subscription } from '@dondoc/event-store';
import { DATABASE_URL } from '@dondoc/platform/nest/tokens';
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MAIN_PROJECTOR, PROJECTIONS, Projection, inDependencyOrder } from './projection';

export { MAIN_PROJECTOR } from './projection';

/** The checkpoint is not where this projector left it: another projector ran, or a rebuild swapped. */
export class CheckpointMovedError extends Error {}
const LEASE_SECONDS = 15;

/**
 * Runs the named read-model projections over the global log. Only one process projects at a time:
 * it holds a session advisory lock (released by PostgreSQL the moment that process dies, so another
 * worker takes over at its next try, within `retryMs`) and renews a lease on its own row (`main`)
 * whose expiry is computed with clock_timestamp(). Each projection has its own checkpoint row; a
 * batch is applied by each projection (dependencies first) to the events past its own row, in one
 * transaction that locks the rows, checks each is where this runner left it (else another runner
 * or a rebuild moved it: start again from the stored rows) and moves them all, with `main` set to
 * the lowest: where every read model stands. So even two runners could not apply an event twice,
 * and a rebuild of one projection swaps in its tables and row while the others carry on.
 */
@Injectable()
export class ProjectorService implements OnApplicationShutdown {
  private readonly logger = new Logger('Projector');
  private readonly applied = new EventEmitter();
  private subscription?: Subscription;
  private lockClient?: Client;
  private running = false;
  private retryTimer?: NodeJS.Timeout;
  private leaseTimer?: NodeJS.Timeout;
  readonly owner = `${hostname()}:${process.pid}`;
  /** Where each projection stands (its row), and the lowest of them: the runner's own row. */
  private positions = new Map<string, GlobalPosition>();
  private position: GlobalPosition = START;
  private readonly projections: Projection[];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
    @Inject(PROJECTIONS) projections: Projection[],
    private readonly dataSource: DataSource,
  ) {
    this.applied.setMaxListeners(0);
    this.projections = inDependencyOrder(projections);
  }

  /** The projections' names, in the order each batch applies them. */
  get names(): string[] {
    return this.projections.map((p) => p.name);
  }

  /** Try to become the active projector now and every `retryMs` until it succeeds. */
  start(name = MAIN_PROJECTOR, retryMs = 2000): void {
    if (this.running) return;
    this.running = true;
    const attempt = async () => {
      if (!this.running) return;
      try {
        if (await this.acquire(name)) {
          await this.run(name);
          return;
        }
      } catch (e) {
        this.logger.warn(`could not start projecting: ${(e as Error).message}`);
        await this.release();
      }
      if (this.running) this.retryTimer = setTimeout(() => void attempt(), retryMs);
    };
    void attempt();
  }

  get isActive(): boolean {
    return this.subscription !== undefined;
  }

  /** Where this process's projector stands, when it is the active one; else null (ask the checkpoint). */
  get activePosition(): GlobalPosition | null {
    return this.isActive ? this.position : null;
  }

  /** Fires after each committed batch with the new checkpoint. */
  onApplied(listener: (position: GlobalPosition) => void): () => void {
    this.applied.on('applied', listener);
    return () => this.applied.off('applied', listener);
  }

  private async acquire(name: string): Promise<boolean> {
    // Bounded: with the server away, a connect fails in time and the next try comes `retryMs` later.
    const client = new Client({
      connectionString: this.databaseUrl,
      application_name: `dondoc-projector-${name}`,
      connectionTimeoutMillis: 5000,
      keepAlive: true,
    });
    client.on('error', () => undefined);
    await client.connect();
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [`projector:${name}`]);
    if (!rows[0].ok) {
      await client.end();
      return false;
    }
    if (!this.running) {
      await client.end().catch(() => undefined);
      return false;
    }
    this.lockClient = client;
    // If our connection dies, the lock is gone: stop projecting at once and try again.
    client.on('end', () => {
      if (this.lockClient === client && this.running) void this.restart(name);
    });
    return true;
  }

  private async renewLease(name: string): Promise<void> {
    await this.lockClient?.query(
      `INSERT INTO rm_checkpoints (name, position, owner, lease_expires_at, updated_at)
       VALUES ($1, '', $2, clock_timestamp() + make_interval(secs => $3), clock_timestamp())
       ON CONFLICT (name) DO UPDATE SET owner = $2, lease_expires_at = clock_timestamp() + make_interval(secs => $3)`,
      [name, this.owner, LEASE_SECONDS],
    );
  }

  private async run(name: string): Promise<void> {
    await this.renewLease(name);
    if (this.leaseTimer) clearInterval(this.leaseTimer);
    this.leaseTimer = setInterval(() => void this.renewLease(name).catch(() => undefined), (LEASE_SECONDS * 1000) / 3);
    // A projection new to this database starts from the start of the log (its own row only).
    await this.lockClient!.query(
      `INSERT INTO rm_checkpoints (name, position, updated_at) SELECT n, '', clock_timestamp() FROM unnest($1::text[]) AS n
       ON CONFLICT (name) DO NOTHING`,
      [this.names],
    );
    const { rows } = await this.lockClient!.query<{ name: string; position: string }>(
      'SELECT name, position FROM rm_checkpoints WHERE name = ANY($1)',
      [[name, ...this.names]],
    );
    // A stop() that came while this attempt was connecting wins: subscribing now would leave a
    // projector (and its lock connection) running after shutdown.
    if (!this.running) return this.stopProjecting();
    const stored = new Map(rows.map((r) => [r.name, r.position]));
    this.positions = new Map(this.names.map((n) => [n, stored.get(n) ?? START]));
    this.position = this.names.length ? lowest([...this.positions.values()]) : (stored.get(name) ?? START);
    // The runner's row is the lowest of the projections' (a projection new here brings it back).
    await this.lockClient!.query('UPDATE rm_checkpoints SET position = $2 WHERE name = $1 AND position <> $2', [name, this.position]);
    this.logger.log(`projecting as ${this.owner} from ${this.position || 'the start'}`);
    this.subscription = this.store.subscribe({
      from: this.position,
      batchSize: 1000,
      handler: (events, position) => this.applyBatch(name, events, position),
      onError: (e) => {
        if (e instanceof CheckpointMovedError) {
          this.logger.warn(`${e.message}: starting again from the stored checkpoint`);
          void this.restart(name);
        } else {
          this.logger.error(`projection batch failed, retrying: ${(e as Error).message}`);
        }
      },
    });
  }

  private async applyBatch(name: string, events: RecordedEvent[], position: GlobalPosition): Promise<void> {
    const next = new Map<string, GlobalPosition>();
    await this.dataSource.transaction(async (tx) => {
      // In name order, as a rebuild locks the rows it swaps: neither waits for the other in a cycle.
      const rows = (await tx.query(`SELECT name, position FROM rm_checkpoints WHERE name = ANY($1) ORDER BY name FOR UPDATE`, [
        [name, ...this.names],
      ])) as { name: string; position: string }[];
      const stored = new Map(rows.map((r) => [r.name, r.position]));
      const moved = [name, ...this.names].find((n) => stored.get(n) !== (n === name ? this.position : this.positions.get(n)));
      if (moved !== undefined) throw new CheckpointMovedError(`checkpoint ${moved} moved`);
      for (const projection of this.projections) {
        const from = this.positions.get(projection.name)!;
        // Past its own row only: a projection a rebuild swapped in ahead has these already.
        const mine = events.filter((e) => e.position > from);
        if (mine.length) await projection.apply(mine, tx);
        next.set(projection.name, from > position ? from : position);
      }
      const low = this.names.length ? lowest([...next.values()]) : position;
      // All rows in one statement: a projection with nothing in the batch costs a row update.
      await tx.query(
        `UPDATE rm_checkpoints c SET position = v.position, updated_at = clock_timestamp()
           FROM unnest($1::text[], $2::text[]) AS v(name, position) WHERE c.name = v.name`,
        [
          [name, ...next.keys()],
          [low, ...next.values()],
        ],
      );
      next.set(name, low);
    });
    this.position = next.get(name)!;
    next.delete(name);
    this.positions = next;
    this.applied.emit('applied', this.position);
  }

  private async restart(name: string): Promise<void> {
    await this.stopProjecting();
    // A shutdown that came while we were stopping wins: do not start again.
    if (!this.running) return;
    this.running = false;
    this.start(name);
  }

  private async stopProjecting(): Promise<void> {
    if (this.leaseTimer) clearInterval(this.leaseTimer);
    const sub = this.subscription;
    this.subscription = undefined;
    await sub?.stop();
    await this.release();
  }

  private async release(): Promise<void> {
    const client = this.lockClient;
    this.lockClient = undefined;
    await client?.end().catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.stopProjecting();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}

/** The earliest of positions (comparable as strings). */
export function lowest(positions: GlobalPosition[]): GlobalPosition {
  return positions.reduce((a, b) => (b < a ? b : a));
}
