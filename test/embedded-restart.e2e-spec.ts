import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signToken } from '../apps/api/src/http/auth/token-verifier';
import { ApiProcess } from './support/api-process';
import { sleep, waitUntil } from './support/worker-process';

/**
 * Issue 13 item 1, embedded PostgreSQL: when the server process the app started dies, the app
 * starts it again (writes succeed once it is back), or, if it cannot, exits with one clear line.
 * Never a half-alive process answering 503 for ever.
 */
describe('the embedded PostgreSQL server dies (e2e)', () => {
  jest.setTimeout(4 * 60_000);
  let dataDir: string;
  let app: ApiProcess | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'dondoc-embedded-'));
    chmodSync(dataDir, 0o755); // as root, the server runs as `postgres`, which must reach it
  });

  afterAll(async () => {
    await app?.kill('SIGTERM');
    await sleep(2000);
    await app?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  const postmasterPid = () => Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

  it('SIGKILL of the server: it is started again and writes succeed; when it cannot start, the app exits with one line', async () => {
    app = ApiProcess.launch(
      { DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', DB_ACQUIRE_TIMEOUT_MS: '2000', DIGEST_CRON: '0 7 1 1 *' },
      null,
    );
    const output = () => `--- app (${app!.alive ? 'alive' : 'gone'})\n${app!.output().slice(-4000)}`;
    await waitUntil('the app listening', async () => !!app!.url || !app!.alive, 180_000, output);
    if (!app.alive) throw new Error(`the app died at start\n${output()}`);
    const secret = readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim();
    const admin = signToken(secret, { sub: 'admin-root', role: 'admin', office: 'ROOT' });
    let n = 0;
    const write = async () => {
      const res = await fetch(`${app!.url}/v1/offices`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ code: `EMB-${process.pid}-${++n}`, name: `Văn phòng ${n}`, level: 'district' }),
        signal: AbortSignal.timeout(15_000),
      }).catch(() => null);
      return res?.status ?? 0;
    };
    expect(await write()).toBe(201);

    process.kill(postmasterPid(), 'SIGKILL');
    const killedAt = Date.now();
    const statuses: number[] = [];
    await waitUntil(
      'a write to succeed after the kill',
      async () => {
        const s = await write();
        statuses.push(s);
        return s === 201;
      },
      60_000,
      output,
      200,
    );
    const recoveredMs = Date.now() - killedAt;
    expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);
    expect(app.alive).toBe(true);
    expect(app.output()).toMatch(/embedded PostgreSQL server .* stopped .*: starting it again/);
    expect((await fetch(`${app.url}/health/live`)).status).toBe(200);

    // Now one it cannot start again: the data directory is gone.
    const pid = postmasterPid();
    rmSync(join(dataDir, 'pg'), { recursive: true, force: true });
    process.kill(pid, 'SIGKILL');
    const code = await Promise.race([app.exited, sleep(60_000).then(() => 'still running')]);
    expect(code).toBe(1);
    const lines = app
      .output()
      .split('\n')
      .filter((l) => l.startsWith('Dondoc: the embedded PostgreSQL server'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/could not be started again; exiting$/);
    console.log(
      `embedded PostgreSQL killed: writes succeed again after ${recoveredMs} ms (${statuses.length - 1} × 503 meanwhile); unrecoverable: exit 1 with one line`,
    );
  });
});
