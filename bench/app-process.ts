import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

/** The node arguments of package.json's `start` script: the bench runs what `npm start` runs. */
function startArgs(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [node, ...args] = pkg.scripts.start.split(/\s+/);
  if (node !== 'node') throw new Error(`the start script does not run node: ${pkg.scripts.start}`);
  return args.map((a) => (a.endsWith('.js') ? join(ROOT, a) : a));
}

/** The API as `npm start` runs it: built by `nest build api`, then package.json's start command. */
export class AppProcess {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
  ) {}

  static build(): void {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/@nestjs/cli/bin/nest.js'), 'build', 'api'], { cwd: ROOT, stdio: 'ignore' });
  }

  /** `script`: node arguments instead of the start script's (bench/http-ceiling.ts, the bare server). */
  static async start(env: Record<string, string>, script?: string[]): Promise<AppProcess> {
    // BENCH_APP_NODE_ARGS: e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, to profile the app under load.
    const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, ...(script ?? startArgs())], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, TZ: 'UTC', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // A bench that dies (an uncaught error) must not leave the app running and connected.
    const orphan = () => child.kill('SIGKILL');
    process.once('exit', orphan);
    child.once('exit', () => process.off('exit', orphan));
    let output = '';
    let onData = (_chunk: Buffer) => undefined as void;
    const url = await new Promise<string>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`the app did not start in 120 s:\n${output}`)), 120_000);
      onData = (chunk: Buffer) => {
        output += chunk.toString();
        const m = /listening on (http:\/\/\S+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          ok(m[1]);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`the app exited with ${code}:\n${output}`));
      });
    });
    // From here on, what the process says on stderr (errors: the app runs at LOG_LEVEL=error) is shown.
    child.stdout!.off('data', onData);
    child.stderr!.off('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    child.stdout!.resume();
    return new AppProcess(url, child);
  }

  /** Resident memory now and at its peak (VmRSS, VmHWM), in bytes. */
  memory(): { rss: number; peak: number } {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  }

  /** Resets VmHWM to the current RSS (Linux clear_refs 5), so that a peak can be taken over one phase. */
  resetPeak(): boolean {
    try {
      writeFileSync(`/proc/${this.child.pid}/clear_refs`, '5');
      return true;
    } catch {
      return false;
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}
