import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../libs/platform/src/database/embedded-database';

/** The process as a user starts it, compiled on the fly by SWC instead of a build. */
function startProcess(env: Record<string, string | undefined>): { child: ChildProcess; output: () => string } {
  let out = '';
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    env: { ...process.env, DATABASE_URL: undefined, JWT_SECRET: undefined, LOG_LEVEL: 'warn', ...env } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return { child, output: () => out };
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code)),
  );

async function waitForHealth(url: string, timeoutMs: number): Promise<{ status: number; body: Record<string, unknown> }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    } catch {
      if (Date.now() > deadline) throw new Error(`no answer from ${url}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

const postgresProcessesUsing = (dir: string) => {
  try {
    return execFileSync('pgrep', ['-f', dir]).toString().trim();
  } catch {
    return '';
  }
};

describe('start-up with nothing configured', () => {
  jest.setTimeout(120_000);

  it('serves /health on an embedded PostgreSQL and stops cleanly on SIGTERM, leaving no process behind', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dondoc-start-'));
    chmodSync(dataDir, 0o755); // PostgreSQL runs as its own user when the tests run as root
    const port = await freePort();
    const { child, output } = startProcess({ PORT: String(port), DATA_DIR: dataDir });
    const health = await waitForHealth(`http://127.0.0.1:${port}/health`, 90_000);
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', db: 'ok', projections: { lagEvents: 0 } });
    expect(postgresProcessesUsing(dataDir)).not.toBe('');
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    expect(postgresProcessesUsing(dataDir)).toBe('');
    expect(output()).toContain('SIGTERM');
  });

  // As root the embedded server runs as the user postgres, which cannot enter a chmod 700 folder
  // (a clone under /root): one line naming the folder and the way out, no stack trace, no process left.
  (process.getuid?.() === 0 ? it : it.skip)(
    'as root, refuses a DATA_DIR below a folder the postgres user cannot enter, in one line',
    async () => {
      const closed = mkdtempSync(join(tmpdir(), 'dondoc-closed-')); // mode 700
      const dataDir = join(closed, 'data');
      const { child, output } = startProcess({ DATA_DIR: dataDir });
      expect(await exited(child)).toBe(1);
      const lines = output().trim().split('\n');
      expect(lines).toHaveLength(2); // the start-up log line, then the refusal
      expect(lines[0]).toContain('DATABASE_URL is unset: starting an embedded PostgreSQL');
      expect(lines[1]).toMatch(
        new RegExp(`^Dondoc cannot start: DATA_DIR: .*cannot enter ${closed} \\(mode 700\\).*set DATA_DIR to a folder it can reach`),
      );
      expect(postgresProcessesUsing(dataDir)).toBe('');
    },
  );

  it('refuses a bad DATABASE_URL with one line naming it', async () => {
    const { child, output } = startProcess({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nothing', JWT_SECRET: 'x'.repeat(40) });
    expect(await exited(child)).toBe(1);
    const lines = output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Dondoc cannot start: DATABASE_URL: cannot connect/);
  });

  it('refuses a DATABASE_URL without JWT_SECRET, and a malformed one, naming the variable', async () => {
    const noSecret = startProcess({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nothing' });
    expect(await exited(noSecret.child)).toBe(1);
    expect(noSecret.output().trim()).toMatch(/^Dondoc cannot start: JWT_SECRET: is required/);
    const malformed = startProcess({ DATABASE_URL: 'not a url' });
    expect(await exited(malformed.child)).toBe(1);
    expect(malformed.output().trim()).toBe('Dondoc cannot start: DATABASE_URL: is not a URL');
  });
});
