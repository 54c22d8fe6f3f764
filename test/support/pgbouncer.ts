import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '@dondoc/platform/database/embedded-database';
import { ChildProcessHandle, waitUntil } from './worker-process';

const BINARY = process.env.PGBOUNCER_BIN ?? '/usr/sbin/pgbouncer';

/**
 * Debian's PgBouncer in transaction pooling in front of one PostgreSQL server, as a child process
 * with a configuration of its own in a temporary folder. PgBouncer refuses to run as root: as
 * root it is started with `-u postgres`.
 *
 * `ignore_startup_parameters`: PgBouncer 1.18 refuses a connection that sends a startup parameter
 * it does not know, and the application's pools send `statement_timeout` (and `options` where
 * the restricted role is taken); behind PgBouncer those settings belong on the role instead
 * (docs/SCALING.md).
 */
export class PgBouncer extends ChildProcessHandle {
  private constructor(
    child: ReturnType<typeof spawn>,
    readonly port: number,
    private readonly dir: string,
  ) {
    super(child);
  }

  static available(): boolean {
    return existsSync(BINARY);
  }

  static version(): string {
    return /PgBouncer (\S+)/.exec(execFileSync(BINARY, ['--version']).toString())?.[1] ?? 'unknown';
  }

  /** In front of the server `serverUrl` names (every database on it, by name). */
  static async start(serverUrl: string, poolSize = 20): Promise<PgBouncer> {
    const server = new URL(serverUrl);
    const dir = mkdtempSync(join(tmpdir(), 'dondoc-pgbouncer-'));
    chmodSync(dir, 0o755);
    const port = await freePort();
    const user = decodeURIComponent(server.username || 'postgres');
    // Clients are trusted; the password (the embedded test server has one) is PgBouncer's to log in to the server.
    writeFileSync(join(dir, 'userlist.txt'), `"${user}" "${decodeURIComponent(server.password)}"\n`, { mode: 0o644 });
    writeFileSync(
      join(dir, 'pgbouncer.ini'),
      [
        '[databases]',
        `* = host=${server.hostname} port=${server.port || 5432}`,
        '[pgbouncer]',
        'listen_addr = 127.0.0.1',
        `listen_port = ${port}`,
        'unix_socket_dir =',
        'auth_type = trust',
        `auth_file = ${join(dir, 'userlist.txt')}`,
        `admin_users = ${user}`,
        'pool_mode = transaction',
        'max_client_conn = 1000',
        `default_pool_size = ${poolSize}`,
        'stats_period = 1',
        'ignore_startup_parameters = extra_float_digits, statement_timeout, options',
        '',
      ].join('\n'),
      { mode: 0o644 },
    );
    const asRoot = process.getuid?.() === 0;
    const child = spawn(BINARY, [...(asRoot ? ['-u', 'postgres'] : []), join(dir, 'pgbouncer.ini')], { stdio: ['ignore', 'pipe', 'pipe'] });
    const bouncer = new PgBouncer(child, port, dir);
    await waitUntil(
      'PgBouncer to listen',
      async () => bouncer.output().includes('process up') || !bouncer.alive,
      30_000,
      () => bouncer.output(),
    );
    if (!bouncer.alive) throw new Error(`PgBouncer did not start:\n${bouncer.output()}`);
    return bouncer;
  }

  /** `url` (a database on the server behind) reached through PgBouncer. */
  through(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  /** PgBouncer's own counters per database (the admin console's SHOW STATS). */
  async stats(database: string): Promise<{ transactions: number; queries: number }> {
    const client = new Client({ host: '127.0.0.1', port: this.port, user: 'postgres', database: 'pgbouncer' });
    await client.connect();
    try {
      // The admin console speaks the simple protocol only.
      const { rows } = await client.query<{ database: string; total_xact_count: string; total_query_count: string }>('SHOW STATS');
      const row = rows.find((r) => r.database === database);
      return { transactions: Number(row?.total_xact_count ?? 0), queries: Number(row?.total_query_count ?? 0) };
    } finally {
      await client.end();
    }
  }

  async stop(): Promise<void> {
    await this.kill('SIGTERM');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
