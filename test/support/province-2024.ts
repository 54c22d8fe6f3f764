import { TestApp, bearer } from './test-app';

/** Quảng Ngãi, two districts (Sơn Hà, Bình Sơn) with offices, its 2024 directive and plan: the reports' world. */
const admin = (t: TestApp) => bearer(t.token('admin', 'QNG'));
/** An admin's back-fill header: the events get `instant` as their occurredAt. */
const at = (t: TestApp, instant: string) => ({ ...admin(t), 'Occurred-At': instant });

export async function province2024(t: TestApp): Promise<{ planId: string; directiveId: string }> {
  for (const [code, name, parent] of [
    ['QNG', 'UBND tỉnh Quảng Ngãi', undefined],
    ['SH', 'UBND huyện Sơn Hà', 'QNG'],
    ['SH-NV', 'Phòng Nội vụ Sơn Hà', 'SH'],
    ['SH-VP', 'Văn phòng HĐND và UBND Sơn Hà', 'SH'],
    ['BS', 'UBND huyện Bình Sơn', 'QNG'],
    ['BS-NV', 'Phòng Nội vụ Bình Sơn', 'BS'],
  ] as const) {
    const r = await t.http
      .post('/v1/offices')
      .set(admin(t))
      .send({ code, name, ...(parent ? { parent } : {}) });
    if (r.status !== 201) throw new Error(`office ${code}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  }
  const directive = await t.http
    .post('/v1/directives')
    .set(admin(t))
    .send({ number: '2249/QĐ-UBND', kind: 'Quyết định', issuedOn: '2024-01-05', issuer: 'QNG', title: 'Kế hoạch CCHC năm 2024' });
  if (directive.status !== 201) throw new Error(`directive: HTTP ${directive.status} ${JSON.stringify(directive.body)}`);
  const plan = await t.http
    .post('/v1/plans')
    .set(at(t, '2024-01-10T09:00:00+07:00'))
    .send({
      directiveId: directive.body.id,
      issuer: 'QNG',
      title: 'Kế hoạch CCHC tỉnh 2024',
      period: { from: '2024-01-01', to: '2024-12-31' },
      targets: [{ code: 'HL', name: 'Mức độ hài lòng', unit: 'percent', comparator: 'atLeast', value: 90 }],
    });
  if (plan.status !== 201) throw new Error(`plan: HTTP ${plan.status} ${JSON.stringify(plan.body)}`);
  return { planId: plan.body.id, directiveId: directive.body.id };
}
