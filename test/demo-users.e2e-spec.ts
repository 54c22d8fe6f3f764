import { TestApp, startTestApp } from './support/test-app';
import { expectStatus } from './support/e2e-world';
import { signIn, withSession } from './support/sessions';
import { DEMO_PASSWORD } from '../apps/api/src/users/demo-users.seeder';

/** `npm start -- --demo`: one user per role for the demo offices, printed with the shared password. */
describe('demo users (e2e)', () => {
  let t: TestApp;
  const lines: string[] = [];

  beforeAll(async () => {
    const spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    try {
      t = await startTestApp({ DONDOC_DEMO: '1' });
    } finally {
      spy.mockRestore();
    }
  }, 180_000);

  afterAll(() => t?.close());

  it('prints the demo usernames and password; each signs in under its role and office', async () => {
    const line = lines.find((l) => l.startsWith('Demo users'))!;
    expect(line).toContain(DEMO_PASSWORD);
    for (const [username, role, office] of [
      ['quantri', 'admin', 'UBND-QNG'],
      ['chutich.sh', 'leader', 'UBND-SH'],
      ['canbo.noivu', 'officer', 'SH-NV'],
      ['thanhtra.sh', 'inspector', 'UBND-SH'],
    ]) {
      expect(line).toContain(username);
      const s = await signIn(t, username, DEMO_PASSWORD);
      expect(s.body.user).toMatchObject({ username, activeGrant: { role, office }, mustChangePassword: false });
    }
    const leader = await signIn(t, 'chutich.sh', DEMO_PASSWORD);
    const overdue = await expectStatus(t.http.get('/v1/reports/overdue?office=SH-NV&asOf=2024-04-01').set(withSession(leader, false)), 200);
    expect(JSON.stringify(overdue.body)).toContain('SH-NV');
  }, 60_000);
});
