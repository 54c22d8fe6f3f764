import { Inject, Injectable } from '@nestjs/common';
import { conflict } from '@dondoc/domain/shared';
import { PG_POOL } from '@dondoc/platform';
import { Client, ClientConfig, Pool } from 'pg';

/** pg_advisory_xact_lock(KEY, 1): the office tree's moves (7360100 is the event log's own key space). */
const KEY = 7360101;
const WAIT = '10s';

/**
 * One move of the office tree at a time, across every API process. Two moves checked at once
 * against the same tree (A under B while B goes under A) would each pass the cycle check and
 * together make a cycle. The lock is a transaction's, on a connection of its own, not a pooled one:
 * a queue of moves must not hold the pool's connections while waiting. Within a process the moves
 * queue before asking, so a process holds at most one such connection.
 */
@Injectable()
export class OfficeTreeLock {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  run<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.tail.then(() => this.locked(work));
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  private async locked<T>(work: () => Promise<T>): Promise<T> {
    const client = new Client((this.pool as unknown as { options: ClientConfig }).options);
    await client.connect();
    try {
      // A transaction's lock, not a session's: behind PgBouncer in transaction pooling a session
      // lock would stay on a server connection handed to someone else, and never be released.
      await client.query('BEGIN');
      await client.query(`SET LOCAL lock_timeout = '${WAIT}'`);
      try {
        await client.query('SELECT pg_advisory_xact_lock($1, 1)', [KEY]);
      } catch (e) {
        if ((e as { code?: string }).code === '55P03')
          throw conflict('OFFICE_TREE_BUSY', `another change of the office tree took longer than ${WAIT}: try again`);
        throw e;
      }
      return await work();
    } finally {
      // Ending the transaction releases the lock, whatever happened.
      await client.query('ROLLBACK').catch(() => undefined);
      await client.end().catch(() => undefined);
    }
  }
}
