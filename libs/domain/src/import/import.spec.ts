import { readPlanFile } from './plan-file.reader';
import { readPlanTable } from './plan-table.reader';
import { withPlanOverrides } from './plan-overrides';
import { ImportWorld, resolveImport } from './import.resolver';
import { clone, empty, fields, fixture, issuesOf, req } from './import.spec-helpers';

describe('import: the Sơn Hà fixture', () => {
  const doc = readPlanFile(fixture);
  const out = resolveImport(doc, empty, req);
  const byRef = (ref: string) => out.tasks.filter((t) => t.ref === ref);
  const assigned = (taskId: string) =>
    out.streams.find((s) => s.streamId === `task-${taskId}`)!.events[0].data as {
      assignedOn: string;
      deadline: unknown;
      supporting: string[];
    };

  it('reads 19 rows and fans them out to 77 tasks', () => {
    expect(doc.tasks).toHaveLength(19);
    expect(out.tasks).toHaveLength(77);
    expect(out.created).toEqual({ offices: expect.any(Array), directives: ['57/QĐ-UBND', '1879/QĐ-UBND', 'KH-KHACPHUC-2024'], tasks: 77 });
    expect(out.created.offices).toHaveLength(15);
  });

  it('writes parents first, then directives, plan code, plan, tasks, and the import record last', () => {
    const ids = out.streams.map((s) => s.streamId);
    expect(ids.indexOf('office-UBND-QNG')).toBeLessThan(ids.indexOf('office-UBND-SH'));
    expect(ids.indexOf('office-UBND-SH')).toBeLessThan(ids.indexOf('office-SH-NV'));
    expect(ids[ids.length - 1]).toBe('import-SH-KHACPHUC-2024');
    expect(ids).toContain('planCode-UBND-SH:SH-KHACPHUC-2024');
    expect(out.streams.length).toBe(15 + 3 * 2 + 2 + 77 + 1);
  });

  it('back-fills: 08:00 on assignedOn, Asia/Ho_Chi_Minh', () => {
    expect(out.occurredAt.toISOString()).toBe('2024-01-15T01:00:00.000Z');
    expect(assigned(byRef('II.1.a')[0].taskId).assignedOn).toBe('2024-01-15');
  });

  it('resolves deadline phrases: 1.3.2 of SH-NV by 2024-03-31, the February task for all 11 offices by 2024-02-29', () => {
    expect(byRef('II.1.a')).toEqual([expect.objectContaining({ lead: 'SH-NV', dueOn: '2024-03-31' })]);
    const feb = byRef('III.2');
    expect(feb).toHaveLength(11);
    expect(new Set(feb.map((t) => t.dueOn))).toEqual(new Set(['2024-02-29']));
  });

  it('monthly tasks recur until the end of 2024', () => {
    for (const ref of ['II.3.b', 'II.3.c']) {
      for (const t of byRef(ref))
        expect(assigned(t.taskId).deadline).toEqual({
          dueOn: '2024-12-31',
          phrase: 'Thường xuyên trong năm 2024',
          recurrence: { every: 'month', until: '2024-12-31' },
        });
    }
    expect(byRef('II.3.b')).toHaveLength(6);
    expect(byRef('II.3.c')).toHaveLength(5);
  });

  it('"Theo Kế hoạch CCHC năm 2024" is no deadline, listed by ref', () => {
    expect(out.noDeadline).toEqual(['II.2', 'II.4']);
    expect(assigned(byRef('II.2')[0].taskId).deadline).toEqual({ dueOn: null, phrase: 'Theo Kế hoạch CCHC năm 2024', recurrence: null });
  });

  it('"*" supports with every office under the issuer but the lead', () => {
    const s = assigned(byRef('II.1.a')[0].taskId).supporting as string[];
    expect(s).toHaveLength(11);
    expect(s).not.toContain('SH-NV');
    expect(s).not.toContain('UBND-SH');
    expect(s).toContain('SH-BQLDA');
  });

  it('warns about the two directive dates the sources disagree on', () => {
    expect(out.warnings.map((w) => [w.code, w.field])).toEqual([
      ['DIRECTIVE_DATE_DISPUTED', 'directives[0].issuedOn'],
      ['DIRECTIVE_DATE_DISPUTED', 'directives[1].issuedOn'],
    ]);
    expect(out.warnings[1].message).toContain('2023-12-15');
  });

  it('leaves recorded offices alone and reuses recorded directives', () => {
    const world: ImportWorld = {
      offices: [{ code: 'UBND-QNG', name: 'UBND tỉnh Quảng Ngãi', parent: null, status: 'active' }],
      directives: new Map([['directiveNumber-UBND-QNG:57/QĐ-UBND', { directiveId: 'd-57', issuedOn: '2024-01-09', revoked: false }]]),
      cited: [],
    };
    const again = resolveImport(doc, world, req);
    expect(again.created.offices).toHaveLength(14);
    expect(again.created.directives).toEqual(['1879/QĐ-UBND', 'KH-KHACPHUC-2024']);
    expect(again.warnings.map((w) => w.code)).toEqual(['DIRECTIVE_RECORDED_WITH_OTHER_DATE', 'DIRECTIVE_DATE_DISPUTED']);
  });
});

describe('import: bad files name the place', () => {
  type Fixture = { plans: { tasks: Record<string, unknown>[] }[]; offices: { parent: string }[]; groups: Record<string, string[]> };
  const tasksOf = (f: Fixture) => f.plans[0].tasks;
  it('an unknown office', () => {
    const f = clone();
    tasksOf(f)[5].lead = ['PHONG-CHUYEN-MON', 'SH-NOWHERE'];
    expect(fields(() => resolveImport(readPlanFile(f), empty, req))).toEqual(['tasks[II.3.a].lead']);
  });
  it('an unreadable phrase, quoted', () => {
    const f = clone();
    tasksOf(f)[1].deadline = 'Sớm nhất có thể';
    const issues = issuesOf(() => resolveImport(readPlanFile(f), empty, req));
    expect(issues).toEqual([{ field: 'tasks[II.1.b].deadline', message: 'cannot read the deadline "Sớm nhất có thể"' }]);
  });
  it('a duplicate ref, a missing title, an unknown field', () => {
    const f = clone();
    tasksOf(f)[2].ref = 'II.1.a';
    delete tasksOf(f)[3].title;
    tasksOf(f)[4].deadLine = 'x';
    expect(fields(() => readPlanFile(f)).sort()).toEqual(['tasks[II.1.a].ref', 'tasks[II.1.d].title', 'tasks[II.2].deadLine']);
  });
  it('a deadline before the assignment is recorded as printed, with a warning (not refused)', () => {
    const f = clone();
    tasksOf(f)[0].deadline = '2023-12-31';
    const out = resolveImport(readPlanFile(f), empty, req);
    expect(out.tasks.filter((t) => t.ref === 'II.1.a').map((t) => t.dueOn)).toEqual(['2023-12-31']);
    expect(out.warnings).toContainEqual(expect.objectContaining({ code: 'DEADLINE_BEFORE_ASSIGNMENT', field: 'tasks[II.1.a].deadline' }));
  });
  it('a parent nobody knows; a group member nobody knows', () => {
    const f = clone();
    f.offices[1].parent = 'UBND-XYZ';
    f.groups['UBND-XA'].push('SH-X-NOWHERE');
    expect(fields(() => resolveImport(readPlanFile(f), empty, req))).toEqual(['offices[1].parent', 'groups.UBND-XA[5]']);
  });
  it('not an object at all', () => {
    expect(fields(() => readPlanFile([1, 2]))).toEqual(['body', 'plans', 'plans[0].tasks']);
  });
});

describe('import: offices of another district', () => {
  // Ba Tơ has a Phòng Tư pháp; Sơn Hà, the issuer, has none.
  const world: ImportWorld = {
    offices: [
      { code: 'QNG', name: 'UBND tỉnh Quảng Ngãi', parent: null, status: 'active', level: 'province' },
      { code: 'SH', name: 'UBND huyện Sơn Hà', parent: 'QNG', status: 'active', level: 'district' },
      { code: 'SH-NV', name: 'Phòng Nội vụ huyện Sơn Hà', parent: 'SH', status: 'active', level: 'office' },
      { code: 'BT', name: 'UBND huyện Ba Tơ', parent: 'QNG', status: 'active', level: 'district' },
      { code: 'BT-TP', name: 'Phòng Tư pháp huyện Ba Tơ', parent: 'BT', status: 'active', level: 'office' },
    ],
    directives: new Map(),
    cited: [],
  };
  const plan = (lead: string, supporting = '') =>
    readPlanTable({
      format: 'csv',
      rows: [
        ['Mã kế hoạch', 'KH-SH-TP'],
        ['title', 'Kế hoạch thử'],
        ['Cơ quan ban hành', 'SH'],
        ['Từ ngày', '01/01/2024'],
        ['Đến ngày', '2024-12-31'],
        ['Ngày giao', '15/01/2024'],
        [],
        ['STT', 'Nhiệm vụ', 'Chủ trì', 'Phối hợp', 'Thời hạn'],
        ['1', 'Việc một', lead, supporting, 'Quý II năm 2024'],
      ],
    });
  it("a name registered only in another district is an unknown office, never that district's", () => {
    const issues = issuesOf(() => resolveImport(plan('Phòng Tư pháp'), world, req));
    expect(issues).toEqual([{ field: 'rows[9].Chủ trì', message: expect.stringMatching(/^no office "Phòng Tư pháp"/) }]);
    expect(issues[0].message).not.toContain('BT-TP');
    expect(fields(() => resolveImport(plan('SH-NV', 'Phòng Tư pháp'), world, req))).toEqual(['rows[9].Phối hợp']);
  });
  it('a lead code outside the issuer is refused by the task decider (LEAD_OUTSIDE_PLAN_ISSUER), at the lead', () => {
    expect(issuesOf(() => resolveImport(plan('BT-TP'), world, req))).toEqual([
      { field: 'rows[9].Chủ trì', message: "BT-TP is not under SH, the plan's issuer" },
    ]);
    expect(resolveImport(plan('Phòng Nội vụ'), world, req).tasks.map((t) => t.lead)).toEqual(['SH-NV']);
  });
});

describe('import: dates with a year nobody means', () => {
  it('refuses plan and directive dates outside 1900–2199, naming the field', () => {
    const f = clone() as unknown as { plans: { assignedOn: string; period: { to: string } }[]; directives: { issuedOn: string }[] };
    f.plans[0].assignedOn = '0224-01-15';
    f.plans[0].period.to = '31/12/9024';
    f.directives[0].issuedOn = '2023-01-09'.replace('2023', '1023');
    const issues = issuesOf(() => readPlanFile(f));
    expect(issues.map((i) => i.field).sort()).toEqual(['directives[0].issuedOn', 'plans[0].assignedOn', 'plans[0].period.to']);
    expect(issues.find((i) => i.field === 'plans[0].period.to')!.message).toContain('"31/12/9024" has a year outside 1900–2199');
  });
  it('a table cell, a query override and a task deadline too', () => {
    const rows = [
      ['Mã kế hoạch', 'KH-1'],
      ['title', 'Kế hoạch thử'],
      ['Cơ quan ban hành', 'UBND-SH'],
      ['Từ ngày', '01/01/1024'],
      ['Đến ngày', '2024-12-31'],
      ['Ngày giao', '15/01/2024'],
      [],
      ['STT', 'Nhiệm vụ', 'Chủ trì', 'Thời hạn'],
      ['1', 'Việc một', 'SH-NV', '9024-06-30'],
    ];
    expect(issuesOf(() => readPlanTable({ format: 'csv', rows }))).toEqual([
      { field: 'rows[4].Từ ngày', message: 'Từ ngày "01/01/1024" has a year outside 1900–2199' },
    ]);
    const doc = readPlanTable({ format: 'csv', rows: rows.map((r) => (r[0] === 'Từ ngày' ? ['Từ ngày', '01/01/2024'] : r)) });
    expect(fields(() => withPlanOverrides(doc, { assignedOn: '2024-01-15'.replace('2024', '9024') }))).toEqual(['query.assignedOn']);
    const world: ImportWorld = {
      offices: [
        { code: 'UBND-SH', name: 'x', parent: null, status: 'active' },
        { code: 'SH-NV', name: 'y', parent: 'UBND-SH', status: 'active' },
      ],
      directives: new Map(),
      cited: [],
    };
    expect(issuesOf(() => resolveImport(doc, world, req))).toEqual([
      { field: 'rows[9].Thời hạn', message: 'cannot read the deadline "9024-06-30"' },
    ]);
  });
});
