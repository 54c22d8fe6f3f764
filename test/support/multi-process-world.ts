import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { signToken } from '../../apps/api/src/http/auth/token-verifier';
import { TEST_JWT_SECRET } from './test-app';
import { sleep, waitUntil } from './worker-process';

export type Post = (path: string, token: string, body: object, status: number) => Promise<{ version?: number; [k: string]: unknown }>;

/**
 * The multi-process run's world, made through the APIs: a district, four offices under it, a
 * directive and a plan (seven commands), each waited for in the read model (the APIs run with
 * eventual consistency, and a child names a parent that must be projected first).
 */
export async function districtWithPlan(post: Post, db: Pool, failures: string[], output: () => string) {
  const tag = randomUUID().replace(/-/g, '').slice(0, 6).toUpperCase();
  const district = `UBND-${tag}`;
  const leads = [`${tag}-NV`, `${tag}-VP`, `${tag}-TC`, `${tag}-XA`];
  const admin = signToken(TEST_JWT_SECRET, { sub: 'admin-root', role: 'admin', office: 'ROOT' });
  const leader = signToken(TEST_JWT_SECRET, { sub: `leader-${tag}`, role: 'leader', office: district });
  const officers = new Map(leads.map((l) => [l, signToken(TEST_JWT_SECRET, { sub: `officer-${l}`, role: 'officer', office: l })]));

  await post('/v1/offices', admin, { code: district, name: `UBND huyện ${tag}`, level: 'district' }, 201);
  // Eventual consistency: a child names its parent, which must be projected first.
  await waitUntil(
    'the district in the read model',
    async () => (await db.query('SELECT 1 FROM rm_offices WHERE code = $1', [district])).rowCount === 1,
    120_000,
    () => `${failures.join('\n')}\n${output()}`,
  );
  for (const code of leads) {
    await post(
      '/v1/offices',
      admin,
      { code, name: `Phòng ${code}`, parent: district, level: code.endsWith('-XA') ? 'commune' : 'office' },
      201,
    );
  }
  // Eventual consistency: the offices must be projected before a directive names them.
  await waitUntil(
    'the offices in the read model',
    async () =>
      Number((await db.query('SELECT count(*) AS n FROM rm_offices WHERE code = ANY($1)', [[district, ...leads]])).rows[0].n) === 5,
    120_000,
    () => `${failures.join('\n')}\n${output()}`,
  );
  const directive = await post(
    '/v1/directives',
    leader,
    { number: `${tag}/QĐ-UBND`, kind: 'Quyết định', issuedOn: '2026-11-01', issuer: district, title: `Kế hoạch CCHC ${tag}` },
    201,
  );
  await waitUntil(
    'the directive in the read model',
    async () => (await db.query('SELECT 1 FROM rm_directives WHERE id = $1', [directive.id])).rowCount === 1,
    120_000,
    output,
  );
  const plan = await post(
    '/v1/plans',
    leader,
    {
      directiveId: directive.id,
      issuer: district,
      title: `Kế hoạch ${tag}`,
      period: { from: '2026-11-01', to: '2027-12-31' },
      targets: [{ code: 'CT-1', name: 'Tỷ lệ hồ sơ đúng hạn', unit: 'percent', comparator: 'atLeast', value: 95 }],
    },
    201,
  );
  if (failures.length) throw new Error(`the setup failed:\n${failures.join('\n')}`);
  const planId = plan.id as string;
  await waitUntil(
    'the plan in the read model',
    async () => (await db.query('SELECT 1 FROM rm_plans WHERE id = $1', [planId])).rowCount === 1,
    120_000,
    output,
  );
  return { tag, district, leads, leader, officers, planId };
}

/** Each call goes to the next API in turn (a task's commands land on all three processes); an unexpected status is a failure. */
export function roundRobin(apis: { name: string; url?: string }[], failures: string[]): { post: Post; sent: () => number } {
  let sent = 0;
  let next = 0;
  const post: Post = async (path, token, body, status) => {
    const api = apis[next++ % apis.length];
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(`${api.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json = (await res.json().catch(() => ({}))) as { version?: number; [k: string]: unknown };
      // 503: the API's own short-lived refusal under load (pool exhausted): a client retries.
      if (res.status === 503 && attempt < 5) {
        await sleep(200 * attempt);
        continue;
      }
      sent++;
      if (res.status !== status) failures.push(`${api.name} POST ${path}: HTTP ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
      return json;
    }
  };
  return { post, sent: () => sent };
}
