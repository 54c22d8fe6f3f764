import { ImportInvalid } from '@dondoc/domain/import';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { xlsxBomb } from '../../../../test/support/xlsx-bomb';
import { readXlsxRows, writeXlsxRows } from './xlsx-table.codec';

const refusal = async (fn: () => Promise<unknown>) => {
  try {
    await fn();
  } catch (e) {
    if (e instanceof ImportInvalid) return e.issues;
    throw e;
  }
  throw new Error('expected ImportInvalid');
};

describe('reading an XLSX (streaming, within limits)', () => {
  it('reads the template as exceljs loading it whole did: every cell as text, dates as YYYY-MM-DD', async () => {
    const buffer = readFileSync(join(__dirname, '../../../../docs/import-template.xlsx'));
    const { Workbook } = await import('exceljs');
    const whole = new Workbook();
    await whole.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = whole.worksheets[0];
    const rows = await readXlsxRows(buffer, 1000);
    expect(rows.length).toBe(sheet.rowCount);
    rows.forEach((cells, i) => {
      const row = sheet.getRow(i + 1);
      const text = (n: number) => String((row.getCell(n).value as { text?: string } | null)?.text ?? row.getCell(n).text ?? '');
      expect(cells.length).toBeLessThanOrEqual(Math.max(row.cellCount, 0));
      cells.forEach((c, j) => expect(c).toBe(c === '' ? '' : c.length === 10 && /^\d{4}-/.test(c) ? c : text(j + 1)));
    });
    expect(rows.flat().join('|')).toContain('SH-NV');
  });

  it('reads what writeXlsxRows writes (sheet before shared strings in the zip), blank rows and cells kept in place', async () => {
    const rows = [['Kế hoạch', 'KH-1'], [], ['ref', '', 'Nhiệm vụ'], ['T1', '', 'Rà soát']];
    expect(await readXlsxRows(await writeXlsxRows(rows), 100)).toEqual([
      ['Kế hoạch', 'KH-1'],
      [],
      ['ref', '', 'Nhiệm vụ'],
      ['T1', '', 'Rà soát'],
    ]);
  });

  it('reads a workbook of inline strings without shared strings', async () => {
    const rows = await readXlsxRows(await xlsxBomb({ sheetMb: 0.01, rows: 3 }), 100);
    expect(rows.map((r) => r[0].split(' ')[0])).toEqual(['1', '2', '3']);
  });

  it('a 150 MB sheet zipped small: refused from the central directory, naming the limit', async () => {
    const bomb = await xlsxBomb({ sheetMb: 150 });
    expect(bomb.length).toBeLessThan(1024 * 1024); // about 750 KB
    const issues = await refusal(() => readXlsxRows(bomb, 51_000));
    expect(issues).toEqual([
      { field: 'body', message: expect.stringMatching(/sheet1\.xml inflates to 15\d MB; at most 64 MB for a worksheet/) },
    ]);
  }, 30_000);

  it('a central directory that understates the size: caught while inflating, before exceljs', async () => {
    const issues = await refusal(async () => readXlsxRows(await xlsxBomb({ sheetMb: 20, lie: true }), 51_000));
    expect(issues).toEqual([{ field: 'body', message: expect.stringContaining('larger than its zip header says') }]);
  }, 30_000);

  it('stops at the row limit without reading the rest', async () => {
    const issues = await refusal(async () => readXlsxRows(await xlsxBomb({ sheetMb: 1, rows: 500 }), 100));
    expect(issues).toEqual([{ field: 'rows', message: 'the worksheet has more than 100 rows; at most 100' }]);
  });
});
