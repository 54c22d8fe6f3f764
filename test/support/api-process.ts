import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { ChildProcessHandle, waitUntil } from './worker-process';

const ROOT = resolve(__dirname, '../..');

/**
 * The API as `npm start` runs it: its own process, the heap capped at 192 MB like package.json's
 * start script, so a request that would exhaust the heap kills it (and the test sees it die).
 */
export class ApiProcess extends ChildProcessHandle {
  url?: string;

  protected override onOutput(output: string): void {
    const m = /listening on (http:\/\/\S+?)(?:\s|$)/.exec(output);
    if (m && !this.url) this.url = m[1];
  }

  /** Spawned and returned at once (a test that watches the start itself); `heapMb` null: no cap. */
  static launch(env: Record<string, string>, heapMb: number | null = 192): ApiProcess {
    const child = spawn(
      process.execPath,
      [...(heapMb ? [`--max-old-space-size=${heapMb}`] : []), '-r', '@swc-node/register', 'apps/api/src/main.ts'],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH, TZ: 'UTC', SWC_NODE_PROJECT: resolve(ROOT, 'tsconfig.json'), PORT: '0', LOG_LEVEL: 'warn', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    return new ApiProcess(child);
  }

  static async start(env: Record<string, string>, heapMb = 192): Promise<ApiProcess & { url: string }> {
    const app = ApiProcess.launch(env, heapMb);
    await waitUntil(
      'the API to listen',
      async () => !!app.url || !app.alive,
      90_000,
      () => app.output(),
    );
    if (!app.url) throw new Error(`the API did not start:\n${app.output()}`);
    return app as ApiProcess & { url: string };
  }
}
