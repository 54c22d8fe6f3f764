// The world of the sign-in specs (test/sign-in*.e2e-spec.ts): an app on an injected clock, a district, the database
// and the event log, and the calls the specs share.
import { Client } from 'pg';
import { TestApp, bearer, startTestApp } from './test-app';
import { District, EventLog, expectStatus, fresh, registerDistrict } from './e2e-world';
import { ShiftedClock } from './sessions';

export const PASSWORD = 'đồng hồ cát 2026';

export interface SignInWorld {
  t: TestApp;
  d: District;
  db: Client;
  log: EventLog;
}

export async function signInWorld(clock: ShiftedClock): Promise<SignInWorld> {
  const t = await startTestApp({}, { clock });
  let db: Client | undefined;
  let log: EventLog | undefined;
  try {
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    log = await EventLog.open(t.databaseUrl);
    const d = await registerDistrict(t);
    return { t, d, db, log };
  } catch (e) {
    await closeSignInWorld({ t, db, log });
    throw e;
  }
}

export async function closeSignInWorld(w: Partial<SignInWorld>): Promise<void> {
  await w.db?.end();
  await w.log?.close();
  await w.t?.close();
}

/** `world` is read at call time: the specs build theirs in beforeAll. */
export function signInCalls(world: () => SignInWorld) {
  async function user(
    grants: { role: string; office: string }[] = [{ role: 'officer', office: world().d.nv }],
    password: string | null = PASSWORD,
  ) {
    const username = `u.${fresh().toLowerCase()}`;
    const res = await expectStatus(
      world()
        .t.http.post('/v1/users')
        .set(bearer(world().d.admin))
        .send({ username, name: 'Lê Thị B', grants, ...(password ? { password } : {}) }),
      201,
    );
    return { id: res.body.id as string, username, oneTimePassword: res.body.oneTimePassword as string | undefined };
  }
  const securityLog = async (username: string) =>
    (
      await world().db.query<{ kind: string; detail: string | null }>(
        'SELECT kind, detail FROM auth_security_log WHERE lower(username) = $1 ORDER BY id',
        [username],
      )
    ).rows;
  return { user, securityLog };
}
