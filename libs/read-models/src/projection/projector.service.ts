import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EventStore, GlobalPosition, RecordedEvent, START, Subscription } from '@dondoc/event-store';
import { DATABASE_URL } from '@dondoc/platform/nest/tokens';
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { PROJECTIONS, Projection } from './projection';

export const MAIN_PROJECTOR = 'main';

/** The checkpoint is not where this projector left it: another projector ran, or a rebuild swapped. */
export class CheckpointMovedError extends Error {}
const LEASE_SECONDS = 15;

/**
 * Runs the read-model projections over the global log. Only one process projects at a time: it
 * holds a session advisory lock (released by PostgreSQL the moment that process dies, so another
 * worker takes over at its next try, within `retryMs`) and renews a lease row whose expiry is
 * computed with clock_timestamp(). Each batch moves the checkpoint with a compare-and-set in the
 * same transaction as the read models, so even two projectors could not apply an event twice.
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
  private position: GlobalPosition = START;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
    @Inject(PROJECTIONS) private readonly projections: Projection[],
    private readonly dataSource: DataSource,
  ) {
    this.applied.setMaxListeners(0);
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
    const { rows } = await this.lockClient!.query<{ position: string }>('SELECT position FROM rm_checkpoints WHERE name = $1', [name]);
    // A stop() that came while this attempt was connecting wins: subscribing now would leave a
    // projector (and its lock connection) running after shutdown.
    if (!this.running) return this.stopProjecting();
    this.position = rows[0]?.position ?? START;
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
    await this.dataSource.transaction(async (tx) => {
      const moved = await tx.query(
        `UPDATE rm_checkpoints SET position = $3, updated_at = clock_timestamp() WHERE name = $1 AND position = $2`,
        [name, this.position, position],
      );
      // TypeORM returns [rows, affected] for UPDATE on postgres.
      const affected = Array.isArray(moved) ? Number(moved[1]) : 0;
      if (affected !== 1) throw new CheckpointMovedError(`checkpoint ${name} moved`);
      for (const projection of this.projections) await projection.apply(events, tx);
    });
    this.position = position;
    this.applied.emit('applied', position);
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
