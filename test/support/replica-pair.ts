import { readFileSync, statSync } from 'node:fs';
import { Client } from 'pg';
import { OwnedCluster } from './owned-cluster';
import { waitUntil } from './worker-process';

/**
 * A primary and its hot standby on loopback (issue 21 item 5), both logging every statement
 * (`log_statement=all`) so a test can tell which server ran a query.
 */
export class ReplicaPair {
  private constructor(
    readonly primary: OwnedCluster,
    readonly standby: OwnedCluster,
  ) {}

  static available(): boolean {
    return OwnedCluster.has('pg_basebackup');
  }

  static async create(): Promise<ReplicaPair> {
    const settings = ['log_statement=all', 'log_line_prefix=%m'];
    const primary = await OwnedCluster.create(settings);
    try {
      return new ReplicaPair(primary, await OwnedCluster.standbyOf(primary, settings));
    } catch (e) {
      await primary.destroy();
      throw e;
    }
  }

  /** One statement on a server, on a connection of its own. */
  static async query<T>(cluster: OwnedCluster, sql: string): Promise<T[]> {
    const client = new Client({ connectionString: cluster.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /** Until the standby's projection checkpoint equals the primary's. */
  async caughtUp(): Promise<void> {
    const sql = `SELECT coalesce((SELECT position FROM rm_checkpoints WHERE name = 'main'), '') AS p`;
    await waitUntil(
      'the standby to replay the primary',
      async () => {
        const [[p], [s]] = await Promise.all([
          ReplicaPair.query<{ p: string }>(this.primary, sql),
          ReplicaPair.query<{ p: string }>(this.standby, sql),
        ]);
        return p.p !== '' && p.p === s.p;
      },
      60_000,
    );
  }

  /** What each server logs from now on: call the returned function to read it. */
  static logFrom(cluster: OwnedCluster): () => string {
    const at = statSync(cluster.logFile).size;
    return () => readFileSync(cluster.logFile).subarray(at).toString();
  }

  async destroy(): Promise<void> {
    await this.standby.destroy();
    await this.primary.destroy();
  }
}
