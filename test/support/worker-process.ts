import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { PostgresEventStore } from '@dondoc/event-store';
import { ProjectionLag } from '@dondoc/read-models/projection/projection-lag';
import { Pool } from 'pg';

const ROOT = resolve(__dirname, '../..');

/**
 * The standalone worker (apps/worker/src/main.ts) compiled from the current sources into a
 * folder of this test's own. ts-node would work too, but on a busy 2-core machine it spends 7-10 s
 * transpiling at every start, and the crash test starts the worker a dozen times: compiled once
 * (emit only, no type check: `tsc --noEmit` in CI does that) a start takes about a second.
 * Path aliases are resolved at run time by tsconfig-paths, pointed at the compiled tree.
 */
export class WorkerBuild {
  private constructor(readonly dir: string) {}

  static async compile(): Promise<WorkerBuild> {
    const dir = mkdtempSync(join(tmpdir(), 'dondoc-worker-'));
    const config = {
      extends: join(ROOT, 'tsconfig.build.json'),
      compilerOptions: { outDir: join(dir, 'out'), rootDir: ROOT, noCheck: true, sourceMap: false, incremental: false, types: [] },
      files: [join(ROOT, 'apps/worker/src/main.ts')],
      include: [],
    };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(config));
    await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], {
      cwd: ROOT,
    });
    return new WorkerBuild(dir);
  }

  /** Starts one worker process on `databaseUrl` (only DATABASE_URL: what the worker alone needs). */
  start(databaseUrl: string): WorkerProcess {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      TZ: 'UTC',
      DATABASE_URL: databaseUrl,
      NODE_PATH: join(ROOT, 'node_modules'),
      TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
      TS_NODE_BASEURL: join(this.dir, 'out'),
    };
    const child = spawn(process.execPath, ['-r', 'tsconfig-paths/register', join(this.dir, 'out/apps/worker/src/main.js')], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new WorkerProcess(child);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A child process of a test: its output kept (the last 20,000 characters), its exit awaited. */
export class ChildProcessHandle {
  private out = '';
  /** The exit code, or the signal's name when a signal ended it. */
  readonly exited: Promise<number | string>;

  constructor(readonly child: ChildProcess) {
    const take = (d: Buffer) => {
      this.out = (this.out + d.toString()).slice(-20_000);
      this.onOutput(this.out);
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);
    this.exited = new Promise((done) => child.once('exit', (code, signal) => done(code ?? signal ?? 'unknown')));
  }

  /** Called with the output so far whenever more arrives. */
  protected onOutput(_output: string): void {}

  get pid(): number {
    return this.child.pid!;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  output(): string {
    return this.out;
  }

  /** SIGKILL: no shutdown hook runs, PostgreSQL sees the connections drop. Resolves once it is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.alive) this.child.kill(signal);
    await this.exited;
  }
}

export class WorkerProcess extends ChildProcessHandle {}

/** The main projector's row: where it stands and who holds it. */
export async function checkpointOf(db: Pool): Promise<{ position: string; owner: string | null }> {
  const { rows } = await db.query<{ position: string; owner: string | null }>(
    `SELECT position, owner FROM rm_checkpoints WHERE name = 'main'`,
  );
  return rows[0] ?? { position: '', owner: null };
}

/** Events committed and not yet projected, as /health counts them. */
// The store on the test's own pool: never closed here (its close() would end that pool).
export const lagOf = (db: Pool): Promise<number> => new ProjectionLag(db, new PostgresEventStore(db)).lagEvents();

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` until it returns true; fails with `what` (and `detail()`) after `timeoutMs`. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  detail: () => string = () => '',
  everyMs = 50,
): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${detail()}`);
    await sleep(everyMs);
  }
  return Date.now() - started;
}
