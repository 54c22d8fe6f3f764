import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { startApp } from '../apps/api/src/bootstrap';
import { TEST_JWT_SECRET, TestApp, bearer, startTestApp } from './support/test-app';
import { expectStatus, fresh } from './support/e2e-world';
import { signIn } from './support/sessions';

const ROOT = join(__dirname, '..');

/** First run: the one-time setup link makes the first admin, once; `npm run user` against a running server. */
describe('first run and npm run user (e2e)', () => {
  let t: TestApp;
  const lines: string[] = [];

  beforeAll(async () => {
    const spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    try {
      t = await startTestApp({ LOG_LEVEL: 'warn' });
    } finally {
      spy.mockRestore();
    }
  }, 120_000);

  afterAll(() => t?.close());

  const setupLines = () => lines.filter((l) => l.includes('/setup?code='));

  it('prints one setup line; its code makes the first admin once, and never again', async () => {
    expect(setupLines()).toHaveLength(1);
    const [, code] = /\/setup\?code=([\w-]+)/.exec(setupLines()[0])!;
    expect(setupLines()[0]).toContain(`${t.app.url}/setup?code=`);
    const body = { code, username: 'quantri', name: 'Quản trị hệ thống', password: 'mật khẩu quản trị 1' };
    expect((await expectStatus(t.http.post('/v1/auth/setup').send({ ...body, code: `${code}x` }), 403)).body.code).toBe(
      'SETUP_CODE_INVALID',
    );
    // A password the rules refuse does not spend the code.
    expect((await expectStatus(t.http.post('/v1/auth/setup').send({ ...body, password: 'qwertyuiop' }), 400)).body.code).toBe(
      'PASSWORD_TOO_COMMON',
    );
    const made = await expectStatus(t.http.post('/v1/auth/setup').send(body), 201);
    expect(made.body).toEqual({ id: expect.any(String), username: 'quantri' });
    expect((await expectStatus(t.http.post('/v1/auth/setup').send({ ...body, username: 'quantri2' }), 403)).body.code).toBe(
      'SETUP_CODE_INVALID',
    );
    const s = await signIn(t, 'quantri', body.password);
    expect(s.body.user).toMatchObject({ activeGrant: { role: 'admin', office: 'ROOT' }, mustChangePassword: false });

    // A restart on a database with users prints no setup line.
    const before = lines.length;
    const spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    const again = await startApp({
      DATABASE_URL: t.databaseUrl,
      JWT_SECRET: TEST_JWT_SECRET,
      PORT: '0',
      LOG_LEVEL: 'warn',
      DIGEST_CRON: '0 7 1 1 *',
      DONDOC_ROLE: 'api',
    }).finally(() => spy.mockRestore());
    await again.close();
    expect(lines.slice(before).filter((l) => l.includes('/setup?code='))).toEqual([]);
  }, 60_000);

  it('npm run user -- create | grant | disable | reset, against the running server', async () => {
    // Asynchronous: the server answering the CLI runs in this very process.
    const user = (...args: string[]) =>
      new Promise<{ status: number; stdout: string; stderr: string }>((resolve) =>
        execFile(
          process.execPath,
          ['-r', '@swc-node/register', 'scripts/user.ts', ...args],
          {
            cwd: ROOT,
            encoding: 'utf8',
            timeout: 30_000,
            env: { ...process.env, DONDOC_URL: t.app.url, JWT_SECRET: TEST_JWT_SECRET, DATABASE_URL: '' },
          },
          (error, stdout, stderr) => resolve({ status: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        ),
      );
    const username = `cli.${fresh().toLowerCase()}`;
    const office = `UBND-${fresh()}`;
    await expectStatus(
      t.http
        .post('/v1/offices')
        .set(bearer(t.token('admin', 'ROOT')))
        .send({ code: office, name: 'UBND tỉnh' }),
      201,
    );
    const created = await user('create', '--username', username, '--name', 'Phạm Văn C', '--admin', '--office', office);
    expect(created.status).toBe(0);
    const { id, oneTimePassword } = JSON.parse(created.stdout);
    expect(oneTimePassword).toMatch(/^[A-Za-z0-9]{20}$/);
    expect((await user('grant', '--username', username.toUpperCase(), '--grant', `inspector:${office}`)).status).toBe(0);
    const disabled = await user('disable', '--id', id, '--reason', 'Thử');
    expect(disabled.status).toBe(0);
    expect(JSON.parse(disabled.stdout)).toMatchObject({
      status: 'disabled',
      grants: [
        { role: 'admin', office },
        { role: 'inspector', office },
      ],
    });
    expect((await user('enable', '--id', id)).status).toBe(0);
    const reset = await user('reset', '--username', username);
    expect(reset.status).toBe(0);
    expect(JSON.parse(reset.stdout).oneTimePassword).toMatch(/^[A-Za-z0-9]{20}$/);
    const bad = await user('grant', '--id', id, '--grant', 'chief:X');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('usage: npm run user');
    const refused = await user('disable', '--id', `missing-${fresh()}`, '--reason', 'x');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('USER_NOT_FOUND');
  }, 60_000);

  it('the admin made at setup manages users by its session', async () => {
    const s = await signIn(t, 'quantri', 'mật khẩu quản trị 1');
    const list = await expectStatus(t.http.get('/v1/users').set({ Cookie: s.cookie }), 200);
    expect(list.body.items.map((u: { username: string }) => u.username)).toContain('quantri');
    await expectStatus(t.http.get('/v1/users').set(bearer(t.token('officer', 'X'))), 403);
  });
});
