import { CITED_DIRECTIVES } from './cited-directives';
import { ImportWorld, previewImport, resolveImport } from './import.resolver';
import { readPlanTable } from './plan-table.reader';

/** A district plan as officials write it: printed names, collectives, phrases; previewed, then imported. */
const world: ImportWorld = {
  offices: [
    { code: 'UBND-T', name: 'Ủy ban nhân dân tỉnh Quảng Ngãi', parent: null, status: 'active', level: 'province' },
    { code: 'STC', name: 'Sở Tài chính', parent: 'UBND-T', status: 'active', level: 'department' },
    { code: 'UBND-H', name: 'UBND huyện Sơn Hà', parent: 'UBND-T', status: 'active', level: 'district' },
    { code: 'H-NV', name: 'Phòng Nội vụ huyện Sơn Hà', parent: 'UBND-H', status: 'active', level: 'office' },
    { code: 'H-VH', name: 'Phòng Văn hóa, Thể thao và Du lịch', parent: 'UBND-H', status: 'active', level: 'office' },
    { code: 'H-X1', name: 'UBND xã Sơn Hạ', parent: 'UBND-H', status: 'active', level: 'commune' },
    { code: 'H-X2', name: 'UBND xã Sơn Thành', parent: 'UBND-H', status: 'active', level: 'commune' },
  ],
  directives: new Map(),
  cited: CITED_DIRECTIVES,
};
let n = 0;
const req = () => ({
  actor: { userId: 'admin-1', role: 'admin' as const, office: 'UBND-T' },
  recordedAt: new Date('2026-12-01T03:00:00Z'),
  contentHash: 'h',
  newId: (k: string) => `${k}-${++n}`,
});
const head = [
  ['Mã kế hoạch', 'SH-2026'],
  ['Tên kế hoạch', 'Kế hoạch CCHC năm 2026'],
  ['Cơ quan ban hành', 'UBND-H'],
  ['Văn bản', '12/KH-UBND', 'Kế hoạch', '2026-01-10', 'UBND-H', 'Kế hoạch CCHC năm 2026'],
  ['Văn bản ban hành', '12/KH-UBND'],
  ['Từ ngày', '01/01/2026'],
  ['Đến ngày', '31/12/2026'],
  ['Ngày giao', '2026-01-15'],
  ['Đơn vị', 'H-TP', 'Phòng Tư pháp', 'UBND-H', 'office'],
];
const table = (rows: string[][]) =>
  readPlanTable({
    format: 'csv',
    rows: [...head, ['STT', 'Nội dung', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành'], ...rows],
  });

describe('import preview', () => {
  const doc = table([
    ['1', 'Rà soát quy chế', 'Phòng Nội vụ', 'Phòng Văn hóa, Thể thao và Du lịch; Phòng Nội vụ', 'Quý III/2026'],
    ['2', 'Tuyên truyền CCHC', 'UBND các xã', 'Các cơ quan, đơn vị liên quan', 'Hằng quý'],
    // An office outside the issuer's subtree is named by its code: a printed name matches only within it.
    ['3', 'Xây dựng đề án', 'Phòng Tư pháp', 'STC', 'Sau khi có hướng dẫn của Sở'],
    ['4', 'Kiểm tra công vụ', 'Phòng Nội vụ', '', 'Từ tháng 3/2026'],
  ]);

  it('answers every row as understood, and writes nothing (no streams)', () => {
    const p = previewImport(doc, world, req());
    expect(p.ok).toBe(true);
    expect(p.errors).toEqual([]);
    const [r1, r2, r3, r4] = p.rows;
    expect(r1.lead).toEqual([{ text: 'Phòng Nội vụ', offices: ['H-NV'], how: 'alias' }]);
    expect(r1.supporting.map((m) => [m.text, m.how])).toEqual([
      ['Phòng Văn hóa, Thể thao và Du lịch', 'name'],
      ['Phòng Nội vụ', 'alias'],
    ]);
    expect(r1.deadline).toMatchObject({ phrase: 'Quý III/2026', kind: 'date', dueOn: '2026-09-30' });
    expect(r1.tasks).toEqual([{ lead: 'H-NV', dueOn: '2026-09-30', recurrence: null }]);
    expect(r1.warnings.map((w) => w.code)).toEqual(['LEAD_ALSO_SUPPORTING']);

    expect(r2.lead[0]).toMatchObject({ how: 'collective', offices: ['H-X1', 'H-X2'] });
    expect(r2.tasks.map((t) => t.lead)).toEqual(['H-X1', 'H-X2']);
    expect(r2.tasks[0].recurrence).toEqual({ every: 'quarter', until: '2026-12-31' });

    expect(r3.lead).toEqual([{ text: 'Phòng Tư pháp', offices: ['H-TP'], how: 'name' }]);
    expect(r3.deadline).toMatchObject({ kind: 'conditional' });
    expect(r3.tasks).toEqual([{ lead: 'H-TP', dueOn: null, recurrence: null }]);
    expect(p.noDeadline).toEqual(['3']);

    expect(r4.warnings.map((w) => w.code)).toEqual(['DEADLINE_IS_A_START']);
    expect(r4.tasks[0].dueOn).toBe('2026-12-31');
    expect(p.created).toEqual({ offices: ['H-TP'], directives: expect.any(Array), tasks: 5 });
  });

  it('the import writes exactly what the preview showed', () => {
    const p = previewImport(doc, world, req());
    const out = resolveImport(doc, world, req());
    expect(out.tasks.map((t) => [t.ref, t.lead, t.dueOn])).toEqual(p.rows.flatMap((r) => r.tasks.map((t) => [r.ref, t.lead, t.dueOn])));
    expect(out.warnings).toEqual(p.warnings);
    expect(out.noDeadline).toEqual(p.noDeadline);
    const supportingOf = out.streams.find((s) => s.streamId === `task-${out.tasks[0].taskId}`)!.events[0].data as { supporting: string[] };
    expect(supportingOf.supporting).toEqual(['H-VH']);
  });

  it('lists errors per row instead of throwing, with the closest names', () => {
    const bad = table([
      ['1', 'Rà soát', 'Phòng Văn hoá - Thể thao', '', 'Quý III/2026'],
      ['2', 'Báo cáo', 'Phòng Nội vụ', '', 'Quý V/2026'],
    ]);
    const p = previewImport(bad, world, req());
    expect(p.ok).toBe(false);
    expect(p.rows[0].errors).toEqual([
      {
        field: 'rows[11].Cơ quan chủ trì',
        message: expect.stringContaining('no office "Phòng Văn hoá - Thể thao" (closest: Phòng Văn hóa, Thể thao và Du lịch (H-VH)'),
      },
    ]);
    expect(p.rows[1].errors).toEqual([{ field: 'rows[12].Thời gian hoàn thành', message: 'cannot read the deadline "Quý V/2026"' }]);
    // A provincial department's name in a district plan is no office of the plan (its code is).
    const outside = previewImport(table([['1', 'Rà soát', 'Phòng Nội vụ', 'Sở Tài chính', 'Quý III/2026']]), world, req());
    expect(outside.rows[0].errors).toEqual([
      { field: 'rows[11].Cơ quan phối hợp', message: expect.stringMatching(/^no office "Sở Tài chính"/) },
    ]);
    expect(outside.rows[0].errors[0].message).not.toContain('(STC)');
    expect(() => resolveImport(bad, world, req())).toThrow('cannot be imported');
  });

  it('counts "kể từ ngày ký" from the signing of the plan\'s directive (2026-01-10), not the assignment (2026-01-15)', () => {
    const p = previewImport(table([['1', 'Ban hành quy chế', 'Phòng Nội vụ', '', 'Trong 15 ngày kể từ ngày ký']]), world, req());
    expect(p.errors).toEqual([]);
    expect(p.rows[0].deadline).toMatchObject({ kind: 'date', dueOn: '2026-01-25' });
    expect(p.rows[0].tasks).toEqual([{ lead: 'H-NV', dueOn: '2026-01-25', recurrence: null }]);
    // Without a directive, from the plan's start.
    const bare = readPlanTable({
      format: 'csv',
      rows: [
        ...head.filter((r) => !r[0].startsWith('Văn bản')),
        ['STT', 'Nội dung', 'Cơ quan chủ trì', 'Thời gian hoàn thành'],
        ['1', 'Ban hành quy chế', 'Phòng Nội vụ', 'Trong 15 ngày kể từ ngày ký'],
      ],
    });
    expect(previewImport(bare, world, req()).rows[0].tasks.map((t) => t.dueOn)).toEqual(['2026-01-16']);
  });
});
