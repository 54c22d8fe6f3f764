import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recurrence } from './import-values';
import { importContent } from './import-content';
import { withPlanOverrides } from './plan-overrides';
import { planToTable, toCsv } from './plan-table.writer';
import { readPlanFile } from './plan-file.reader';
import { readPlanTable } from './plan-table.reader';
import { ImportWorld, resolveImport } from './import.resolver';
import { fields, fixture, issuesOf, req } from './import.spec-helpers';

describe('import: tables', () => {
  const doc = readPlanFile(fixture);
  it('the plan written as a table reads back to the same content', () => {
    const table = readPlanTable({ format: 'csv', rows: planToTable(doc) });
    expect(importContent(table)).toEqual(importContent(doc));
    expect(table.tasks[6].at).toBe('rows[38]');
  });
  it('docs/import-template.csv is the fixture as a table (regenerate: scripts/import-template.ts)', () => {
    const template = readFileSync(join(__dirname, '../../../../docs/import-template.csv'), 'utf8');
    expect(template).toBe(`\uFEFF${toCsv(planToTable(doc))}`);
  });
  it('Vietnamese or English headers, in any case and without diacritics; errors name row and column', () => {
    const rows = [
      ['Mã kế hoạch', 'KH-1'],
      ['title', 'Kế hoạch thử'],
      ['Cơ quan ban hành', 'UBND-SH'],
      ['Từ ngày', '01/01/2024'],
      ['Đến ngày', '2024-12-31'],
      ['Ngày giao', '15/01/2024'],
      [],
      ['STT', 'TEN NHIEM VU', 'chủ trì', 'Thời hạn', 'Chỉ tiêu', 'ĐVT', 'Giá trị chỉ tiêu'],
      ['1', 'Việc một', 'SH-NV', 'Quý II năm 2024', 'Tỷ lệ', '%', '> 30'],
      ['2', '', 'SH-NV', 'Ngày mai'],
    ];
    expect(issuesOf(() => readPlanTable({ format: 'csv', rows }))).toEqual([
      { field: 'rows[10].TEN NHIEM VU', message: 'TEN NHIEM VU is required' },
    ]);
    const ok = readPlanTable({ format: 'csv', rows: rows.slice(0, 9) });
    expect(ok.plan).toMatchObject({
      code: 'KH-1',
      title: 'Kế hoạch thử',
      period: { from: '2024-01-01', to: '2024-12-31' },
      assignedOn: '2024-01-15',
    });
    expect(ok.tasks[0]).toMatchObject({
      ref: '1',
      lead: ['SH-NV'],
      target: { name: 'Tỷ lệ', unit: 'percent', comparator: 'atLeast', value: 30, strict: true },
    });
    const world: ImportWorld = {
      offices: [
        { code: 'UBND-SH', name: 'x', parent: null, status: 'active' },
        { code: 'SH-NV', name: 'y', parent: 'UBND-SH', status: 'active' },
      ],
      directives: new Map(),
      cited: [],
    };
    const bad = readPlanTable({ format: 'csv', rows: [...rows.slice(0, 9), ['2', 'Việc hai', 'SH-NV', 'Ngày mai']] });
    expect(fields(() => resolveImport(bad, world, req))).toEqual(['rows[10].Thời hạn']);
  });
  it('refuses an unknown column and a table without one', () => {
    expect(
      fields(() =>
        readPlanTable({
          format: 'csv',
          rows: [
            ['Nhiệm vụ', 'Chủ trì', 'Màu sắc'],
            ['a', 'SH-NV', 'đỏ'],
          ],
        }),
      ),
    ).toEqual(['rows[1].Màu sắc']);
    expect(fields(() => readPlanTable({ format: 'csv', rows: [['junk'], ['more junk']] }))).toEqual(['rows']);
  });
  it('query parameters override the plan fields', () => {
    const d = withPlanOverrides(doc, { code: 'SH-KHACPHUC-2024-CSV', requiresAcceptance: 'không' });
    expect(d.plan).toMatchObject({
      code: 'SH-KHACPHUC-2024-CSV',
      requiresAcceptance: false,
      at: expect.objectContaining({ code: 'query.code' }),
    });
    expect(fields(() => withPlanOverrides(doc, { assignedOn: '31/02/2024' }))).toEqual(['query.assignedOn']);
  });
});

describe('import: recurrence cells', () => {
  it.each([
    ['hằng năm', 'year'],
    ['6 tháng', 'halfYear'],
    ['yearly', 'year'],
    ['hằng quý', 'quarter'],
  ])('"%s" is every %s', (cell, every) => {
    expect(recurrence(cell, 'Định kỳ')).toEqual({ every });
  });
});
