import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@dondoc/platform/config/app-config';
import { poolOptions } from '@dondoc/platform/database/pool-options';
import { readContext } from '@dondoc/platform/database/read-context';
import { PG_POOL } from '@dondoc/platform/nest/tokens';
import { Pool } from 'pg';
import { DataSource, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import { MAIN_PROJECTOR } from './projector.service';

/** After a failure the replica is left alone this long, then tried again. */
const RETRY_AFTER_MS = 5000;

/** SQLSTATE classes that say "this server cannot answer now", not "this query is wrong". */
const SERVER_TROUBLE = /^(08|53|57|58)/;

export type ReadTarget = 'replica' | 'primary';
export type FallbackReason = 'lagging' | 'unavailable';

/**
 * Where a read-model query runs: the streaming replica at READ_DATABASE_URL when there is one and
 * it may serve the request, else the primary. The replica serves a request when
 * - it is a GET or HEAD (readContext): commands, the projector and the worker read the primary;
 * - the replica's projection checkpoint (`rm_checkpoints`, replicated with the rows it covers) is
 *   at or past the caller's last write position (`api_read_marks` on the primary, recorded by
 *   `wrote` before a command answers): read-your-writes whichever API process took the write;
 * - it answers: a replica down, refusing or cancelling is left alone for RETRY_AFTER_MS and the
 *   read runs again on the primary, with one log line per outage and a metric.
 * Query services send their statements through `query` and `findOneBy`; nothing else needs to know.
 */
@Injectable()
export class ReadSide implements OnApplicationShutdown {
  private readonly log = new Logger('ReadSide');
  private replica: Promise<DataSource> | null = null;
  private downUntil = 0;
  private down = false;
  /** The replica's projection checkpoint, last seen: it only moves forward. */
  private replicaAt = '';
  readonly reads: Record<ReadTarget, number> = { replica: 0, primary: 0 };
  readonly fallbacks: Record<FallbackReason, number> = { lagging: 0, unavailable: 0 };

  constructor(
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'readDatabaseUrl' | 'dbAcquireTimeoutMs' | 'dbStatementTimeoutMs'>,
    @InjectDataSource() private readonly primary: DataSource,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  /** Every read on `db` (scripts, benches and tests that build a query service by hand). */
  static primaryOnly(db: DataSource): ReadSide {
    return new ReadSide({ readDatabaseUrl: undefined, dbAcquireTimeoutMs: 0, dbStatementTimeoutMs: 0 }, db, null as unknown as Pool);
  }

  get configured(): boolean {
    return !!this.config.readDatabaseUrl;
  }

  /** DataSource.query, on the side `run` chooses. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query<T = any>(sql: string, params?: unknown[]): Promise<T> {
    return this.run((db) => db.query(sql, params));
  }

  findOneBy<E extends ObjectLiteral>(entity: EntityTarget<E>, where: FindOptionsWhere<E>): Promise<E | null> {
    return this.run((db) => db.getRepository(entity).findOneBy(where));
  }

  /** Runs a read on the replica when it may serve this request, else (or when it fails) on the primary. */
  async run<T>(read: (db: DataSource) => Promise<T>): Promise<T> {
    const replica = await this.choose();
    if (replica) {
      try {
        const result = await read(replica);
        this.reads.replica++;
        if (this.down) this.recovered();
        return result;
      } catch (e) {
        if (!replicaTrouble(e)) throw e;
        this.unavailable(e);
      }
    }
    if (this.eligible()) this.reads.primary++;
    return read(this.primary);
  }

  /** Before a command answers: its subject's reads wait for the replica to replay `position`. */
  async wrote(position: string): Promise<void> {
    const subject = readContext.getStore()?.subject();
    if (!this.configured || !subject || !position) return;
    await this.pool.query(
      `INSERT INTO api_read_marks (subject, position) VALUES ($1, $2)
       ON CONFLICT (subject) DO UPDATE SET position = GREATEST(api_read_marks.position, excluded.position), written_at = now()`,
      [subject, position],
    );
  }

  /** A GET or HEAD with a replica configured: one the replica could serve. */
  private eligible(): boolean {
    return this.configured && !!readContext.getStore()?.replicaAllowed;
  }

  private async choose(): Promise<DataSource | null> {
    const context = readContext.getStore();
    if (!this.configured || !context?.replicaAllowed) return null;
    if (Date.now() < this.downUntil) {
      this.fallbacks.unavailable++;
      return null;
    }
    const subject = context.subject();
    // Once per request: a GET writes nothing, so its caller's mark cannot move meanwhile.
    context.mark ??= subject ? this.markOf(subject) : Promise.resolve('');
    const mark = await context.mark;
    if (mark === null) return null; // the primary did not answer: the read will say so there
    try {
      const replica = await this.connect();
      if (mark > this.replicaAt) {
        const { 0: row } = (await replica.query('SELECT position FROM rm_checkpoints WHERE name = $1', [MAIN_PROJECTOR])) as {
          position: string;
        }[];
        if (row && row.position > this.replicaAt) this.replicaAt = row.position;
        if (mark > this.replicaAt) {
          this.fallbacks.lagging++;
          return null;
        }
      }
      return replica;
    } catch (e) {
      this.unavailable(e);
      return null;
    }
  }

  private async markOf(subject: string): Promise<string | null> {
    try {
      const { rows } = await this.pool.query<{ position: string }>('SELECT position FROM api_read_marks WHERE subject = $1', [subject]);
      return rows[0]?.position ?? '';
    } catch {
      return null;
    }
  }

  /** The replica's DataSource, opened on first use (a replica down at start-up does not stop the API). */
  private connect(): Promise<DataSource> {
    if (!this.replica) {
      const url = this.config.readDatabaseUrl!;
      // A short wait for a connection: past it, the primary answers instead.
      const timeouts = {
        dbAcquireTimeoutMs: Math.min(this.config.dbAcquireTimeoutMs, 2000),
        dbStatementTimeoutMs: this.config.dbStatementTimeoutMs,
      };
      const ds = new DataSource({
        type: 'postgres',
        url,
        entities: this.primary.options.entities,
        synchronize: false,
        migrationsRun: false,
        installExtensions: false,
        extra: poolOptions(url, 'dondoc-replica', 20, timeouts),
        logging: false,
      });
      this.replica = ds.initialize();
      this.replica.catch(() => (this.replica = null)); // the next try opens it again
    }
    return this.replica;
  }

  private unavailable(e: unknown): void {
    this.fallbacks.unavailable++;
    this.downUntil = Date.now() + RETRY_AFTER_MS;
    this.replicaAt = ''; // what comes back may be another server (a standby rebuilt from a backup): read its checkpoint again
    if (this.down) return;
    this.down = true;
    this.log.warn(
      `read replica unavailable (${(e as Error).message}): reads go to the primary, the replica is tried again in ${RETRY_AFTER_MS / 1000} s`,
    );
  }

  private recovered(): void {
    this.down = false;
    this.log.log('read replica answers again: report queries and lists go to it');
  }

  async onApplicationShutdown(): Promise<void> {
    const replica = await this.replica?.catch(() => null);
    await replica?.destroy().catch(() => undefined);
  }
}

/** A connection-level failure or a server that cannot answer now; a conflict with recovery (40001) too. */
function replicaTrouble(e: unknown): boolean {
  // A server's answer carries a severity and a SQLSTATE (TypeORM copies both onto QueryFailedError).
  const err = e as { code?: unknown; severity?: unknown };
  if (typeof err.severity !== 'string' || typeof err.code !== 'string') return true; // ECONNREFUSED, a pool timeout, a lost socket
  return SERVER_TROUBLE.test(err.code) || err.code === '40001';
}
