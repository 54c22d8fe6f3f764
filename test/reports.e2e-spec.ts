import { TestApp } from './support/test-app';
import { reportCalls, reportsWorld } from './support/reports-world';

/** Reports through HTTP: overdue, completion and targets, on the world of test/support/reports-world.ts. */
let t: TestApp;
let planId: string;
let ids: Record<string, string>;
let knownBeforeCompletion: string;

beforeAll(async () => {
  ({ t, planId, ids, knownBeforeCompletion } = await reportsWorld());
}, 120_000);

afterAll(() => t?.close());

const { get } = reportCalls(() => t);

describe('GET /v1/reports/overdue', () => {
  it('lists overdue items, most overdue first, with the exact shape', async () => {
    const r = await get('/v1/reports/overdue?asOf=2024-04-10');
    expect(r.status).toBe(200);
    expect(r.body.asOf).toBe('2024-04-10T16:59:59.999Z');
    expect(r.body.items).toEqual([
      {
        taskId: ids.T2,
        occurrence: null,
        title: 'Nhiệm vụ T2',
        lead: 'SH-NV',
        leadName: 'Phòng Nội vụ Sơn Hà',
        plan: { id: planId, title: 'Kế hoạch CCHC tỉnh 2024' },
        directiveNumber: '2249/QĐ-UBND',
        criterion: '7.3.3.2',
        dueOn: '2024-03-31',
        daysOverdue: 10,
      },
      expect.objectContaining({ taskId: ids.T4, lead: 'BS-NV', daysOverdue: 10 }),
    ]);
    const later = await get('/v1/reports/overdue?asOf=2024-05-02');
    expect(later.body.items.map((i: { title: string; daysOverdue: number }) => [i.title, i.daysOverdue])).toEqual([
      ['Nhiệm vụ T2', 32],
      ['Nhiệm vụ T4', 32],
      ['Nhiệm vụ T3', 2],
    ]);
  });

  it('puts the deadline at the end of the local day (Asia/Ho_Chi_Minh)', async () => {
    const count = async (asOf: string) => (await get(`/v1/reports/overdue?asOf=${encodeURIComponent(asOf)}`)).body.items.length;
    expect(await count('2024-03-31')).toBe(0);
    expect(await count('2024-03-31T23:59:59.999+07:00')).toBe(0);
    expect(await count('2024-03-31T16:59:59.999Z')).toBe(0);
    expect(await count('2024-04-01T00:00:00+07:00')).toBe(2);
    expect(await count('2024-03-31T17:00:00Z')).toBe(2);
    const first = await get(`/v1/reports/overdue?asOf=${encodeURIComponent('2024-04-01T00:00:00+07:00')}`);
    expect(first.body.items[0].daysOverdue).toBe(1);
  });

  it('filters by office subtree and plan', async () => {
    const sh = await get('/v1/reports/overdue?asOf=2024-04-10&office=SH');
    expect(sh.body.items.map((i: { lead: string }) => i.lead)).toEqual(['SH-NV']);
    const plan = await get(`/v1/reports/overdue?asOf=2024-04-10&plan=${planId}&office=BS`);
    expect(plan.body.items.map((i: { lead: string }) => i.lead)).toEqual(['BS-NV']);
    expect((await get('/v1/reports/overdue?plan=00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('keeps readers to their scope', async () => {
    const officer = await get('/v1/reports/overdue?asOf=2024-04-10', 'officer', 'SH-VP');
    expect(officer.status).toBe(200);
    expect(officer.body.items).toEqual([]);
    const own = await get('/v1/reports/overdue?asOf=2024-04-10&office=SH-NV', 'officer', 'SH-NV');
    expect(own.body.items.map((i: { taskId: string }) => i.taskId)).toEqual([ids.T2]);
    const other = await get('/v1/reports/overdue?office=SH-NV', 'officer', 'SH-VP');
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('OFFICE_NOT_FOUND');
    // Out of scope reads as missing (issue 13, item 11).
    expect((await get('/v1/reports/overdue?office=SH', 'inspector', 'BS')).status).toBe(404);
    const district = await get('/v1/reports/overdue?asOf=2024-04-10', 'inspector', 'BS');
    expect(district.body.items.map((i: { lead: string }) => i.lead)).toEqual(['BS-NV']);
    const leader = await get('/v1/reports/overdue?asOf=2024-04-10', 'leader', 'SH');
    expect(leader.body.items.map((i: { lead: string }) => i.lead)).toEqual(['SH-NV']);
    expect((await t.http.get('/v1/reports/overdue')).status).toBe(401);
  });
});

describe('GET /v1/reports/completion', () => {
  it('groups by office with counts and rates, half-up or truncated', async () => {
    const r = await get('/v1/reports/completion?asOf=2024-04-10&office=SH');
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual(expect.arrayContaining(['asOf', 'groups', 'total']));
    const nv = r.body.groups.find((g: { key: string }) => g.key === 'SH-NV');
    expect(nv).toEqual({
      key: 'SH-NV',
      label: 'Phòng Nội vụ Sơn Hà',
      assigned: 3,
      due: 3,
      doneOnTime: 2,
      doneLate: 0,
      inProgress: 0,
      overdue: 1,
      awaitingAcceptance: 0,
      cancelled: 0,
      noDeadline: 0,
      extended: 0,
      completionRate: { numerator: 2, denominator: 3, percent: '66.67' },
      onTimeRate: { numerator: 2, denominator: 3, percent: '66.67' },
      overdueRate: { numerator: 1, denominator: 3, percent: '33.33' },
    });
    expect(r.body.groups.map((g: { key: string }) => g.key)).toEqual(['SH-NV', 'SH-VP']);
    expect(r.body.total).toMatchObject({
      assigned: 4,
      due: 3,
      inProgress: 1,
      completionRate: { numerator: 2, denominator: 4, percent: '50.00' },
    });
    const truncated = await get('/v1/reports/completion?asOf=2024-04-10&office=SH&rounding=truncate');
    expect(truncated.body.groups[0].onTimeRate).toEqual({ numerator: 2, denominator: 3, percent: '66.66' });
    expect(truncated.body.total.overdueRate).toEqual({ numerator: 1, denominator: 3, percent: '33.33' });
  });

  it('groups by criterion, area and plan; filters by directive and period', async () => {
    const byArea = await get('/v1/reports/completion?asOf=2024-04-10&groupBy=area');
    expect(byArea.body.groups.map((g: { key: string; assigned: number }) => [g.key, g.assigned])).toEqual([
      ['1', 3],
      ['2', 1],
      ['7', 1],
    ]);
    const byCriterion = await get('/v1/reports/completion?asOf=2024-04-10&groupBy=criterion');
    expect(byCriterion.body.groups.map((g: { key: string }) => g.key)).toEqual(['1.1', '1.2', '1.3.2', '2.1', '7.3.3.2']);
    const byPlan = await get('/v1/reports/completion?asOf=2024-04-10&groupBy=plan');
    expect(byPlan.body.groups).toEqual([expect.objectContaining({ key: planId, label: 'Kế hoạch CCHC tỉnh 2024', assigned: 5 })]);
    // deadline in March: T1, T2, T4, T5
    const march = await get('/v1/reports/completion?asOf=2024-04-10&from=2024-03-01&to=2024-03-31');
    expect(march.body.total).toMatchObject({ assigned: 4, doneOnTime: 2, overdue: 2 });
    expect(march.body.period).toEqual({ from: '2024-03-01', to: '2024-03-31' });
    // the cut-off month around 10/4: 15/3–14/4 → T1, T2, T4, T5 (due 15/3)
    const month = await get('/v1/reports/completion?asOf=2024-04-10&period=month');
    expect(month.body.period).toEqual({ from: '2024-03-15', to: '2024-04-14' });
    expect(month.body.total.assigned).toBe(4);
    expect((await get('/v1/reports/completion?directive=00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('is scoped like the overdue report', async () => {
    const officer = await get('/v1/reports/completion?asOf=2024-04-10', 'officer', 'SH-NV');
    expect(officer.body.groups.map((g: { key: string }) => g.key)).toEqual(['SH-NV']);
    expect((await get('/v1/reports/completion?office=SH', 'inspector', 'BS')).status).toBe(404);
    expect((await get('/v1/reports/completion?office=QNG', 'officer', 'SH-NV')).status).toBe(404);
    const bs = await get('/v1/reports/completion?asOf=2024-04-10', 'inspector', 'BS');
    expect(bs.body.total).toMatchObject({ assigned: 1, overdue: 1 });
  });

  it('answers knownAt for inspectors and admins from the events recorded by then', async () => {
    const q = `/v1/reports/completion?asOf=2024-04-10&office=SH-NV&knownAt=${encodeURIComponent(knownBeforeCompletion)}`;
    expect((await get(q, 'leader', 'QNG')).status).toBe(403);
    expect((await get(q, 'officer', 'SH-NV')).status).toBe(403);
    const then = await get(q, 'inspector', 'QNG');
    expect(then.status).toBe(200);
    expect(then.body.knownAt).toBe(knownBeforeCompletion);
    expect(then.body.total).toMatchObject({ assigned: 3, doneOnTime: 0, overdue: 3 });
    const now = await get(
      `/v1/reports/completion?asOf=2024-04-10&office=SH-NV&knownAt=${encodeURIComponent(new Date().toISOString())}`,
      'admin',
      'QNG',
    );
    const live = await get('/v1/reports/completion?asOf=2024-04-10&office=SH-NV', 'admin', 'QNG');
    const { knownAt: _k, ...replayed } = now.body;
    expect(replayed).toEqual(live.body);
    const overdue = await get(
      `/v1/reports/overdue?asOf=2024-04-10&knownAt=${encodeURIComponent(knownBeforeCompletion)}`,
      'inspector',
      'SH',
    );
    expect(overdue.body.items.map((i: { taskId: string }) => i.taskId).sort()).toEqual([ids.T1, ids.T2, ids.T5].sort());
  });

  it('refuses bad parameters with 400 naming the field', async () => {
    const field = async (query: string) => {
      const r = await get(`/v1/reports/completion?${query}`);
      expect(r.status).toBe(400);
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      return r.body.errors.map((e: { field: string }) => e.field);
    };
    expect(await field('groupBy=week')).toEqual(['groupBy']);
    expect(await field('rounding=up')).toEqual(['rounding']);
    expect(await field('asOf=yesterday')).toEqual(['asOf']);
    expect(await field('asOf=2024-02-30')).toEqual(['asOf']);
    expect(await field('from=2024-02-30')).toEqual(['from']);
    expect(await field('from=2024-04-01&to=2024-03-01')).toEqual(['to']);
    expect(await field('period=month&from=2024-01-01')).toEqual(['period']);
    expect(await field('period=week')).toEqual(['period']);
    expect(await field('plan=abc')).toEqual(['plan']);
    expect(await field('office=S%20H')).toEqual(['office']);
    expect(await field('foo=1')).toEqual(['foo']);
    expect((await get('/v1/reports/overdue?knownAt=never', 'inspector', 'QNG')).body.errors[0].field).toBe('knownAt');
    expect((await get('/v1/reports/targets')).body.errors[0].field).toBe('plan');
  });
});

describe('GET /v1/reports/targets', () => {
  it('gives each target with the measurement standing at asOf', async () => {
    const r = await get(`/v1/reports/targets?plan=${planId}&asOf=2024-04-01`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual([
      {
        code: 'HL',
        name: 'Mức độ hài lòng',
        unit: 'percent',
        comparator: 'atLeast',
        target: '90',
        strict: false,
        actual: '88.08',
        measuredOn: '2024-03-31',
        source: 'SIPAS',
        attainment: '97.87',
        met: false,
      },
    ]);
    const before = await get(`/v1/reports/targets?plan=${planId}&asOf=2024-03-30`);
    expect(before.body[0]).toMatchObject({ actual: null, attainment: null, met: false });
    expect((await get(`/v1/reports/targets?plan=${planId}`, 'officer', 'SH-NV')).status).toBe(200);
    expect((await get('/v1/reports/targets?plan=00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
