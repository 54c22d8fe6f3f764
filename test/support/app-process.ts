import { ChildProcess, spawn } from 'node:child_process';
import { AddressInfo, createServer } from 'node:net';
import { resolve } from 'node:path';
import { ChildProcessHandle } from './worker-process';

const ROOT = resolve(__dirname, '../..');

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });
}

/** One process of the app, from its TypeScript sources (@swc-node/register resolves the path aliases). */
export class AppProcess extends ChildProcessHandle {
  url?: string;

  constructor(
    readonly name: string,
    child: ChildProcess,
  ) {
    super(child);
  }

  protected override onOutput(output: string): void {
    const m = /listening on (http:\/\/\S+?)(?:\s|$)/.exec(output);
    if (m && !this.url) this.url = m[1];
  }

  static start(name: string, entry: 'api' | 'worker', env: Record<string, string>): AppProcess {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${entry}/src/main.ts`], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, TZ: 'UTC', SWC_NODE_PROJECT: resolve(ROOT, 'tsconfig.json'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new AppProcess(name, child);
  }
}
