import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestApp, bearer, startTestApp } from './support/test-app';

/** A generated plan of 10,000 tasks imports in one transaction, in seconds. */
const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'docs', 'examples', 'son-ha-2024-remediation-plan.json'), 'utf8'));
const PHRASES = [
  'Trước Quý II năm 2024',
  'Trong quý III năm 2024',
  'trong tháng 02 năm 2024',
  'Trong năm 2024',
  '2024-05-31',
  'Theo Kế hoạch CCHC năm 2024',
];
const LEADS = [
  'SH-VP',
  'SH-NV',
  'SH-TP',
  'SH-TCKH',
  'SH-VHTT',
  'SH-TNMT',
  'SH-X-DILANG',
  'SH-X-SONBAO',
  'SH-X-SONCAO',
  'SH-X-SONHA',
  'SH-X-SONTHANH',
];

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

it('10,000 tasks', async () => {
  const plan = { ...fixture.plans[0], code: 'SCALE-10000' };
  plan.tasks = Array.from({ length: 10_000 }, (_, i) => ({
    ref: `T${i + 1}`,
    criterion: `${(i % 8) + 1}.${(i % 5) + 1}`,
    title: `Nhiệm vụ số ${i + 1}: rà soát, đánh giá và báo cáo kết quả thực hiện`,
    lead: [LEADS[i % LEADS.length]],
    supporting: i % 10 === 0 ? ['*'] : ['SH-VP'],
    deadline: PHRASES[i % PHRASES.length],
    expectedOutcome: 'Báo cáo kết quả',
  }));
  const body = JSON.stringify({ ...fixture, plans: [plan] });
  const started = Date.now();
  const r = await t.http
    .post('/v1/imports')
    .set(bearer(t.token('admin', 'UBND-QNG')))
    .set('content-type', 'application/json')
    .send(body);
  const ms = Date.now() - started;
  console.log(
    `10,000 tasks (${(body.length / 1e6).toFixed(1)} MB JSON): ${r.status} in ${ms} ms, consistency ${r.headers['dondoc-consistency'] ?? 'projected'}`,
  );
  expect(r.status).toBe(201);
  expect(r.body.tasks).toBe(10_000);
  expect(ms).toBeLessThan(60_000);
}, 120_000);
