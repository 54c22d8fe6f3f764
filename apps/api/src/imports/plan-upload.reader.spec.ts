import { ImportInvalid } from '@dondoc/domain/import';
import { csvRows, readPlanUpload } from './plan-upload.reader';

const issues = async (fn: () => unknown) => {
  try {
    await fn();
  } catch (e) {
    if (e instanceof ImportInvalid) return e.issues;
    throw e;
  }
  throw new Error('expected ImportInvalid');
};

describe('reading an upload', () => {
  it('CSV: a BOM, ";" as Excel writes it in Vietnamese locales, quoted cells with line breaks, criteria kept as text', () => {
    const csv = Buffer.from('\uFEFFNhiệm vụ;Chủ trì;Tiêu chí\r\n"Rà soát; báo cáo\nhằng tháng";SH-NV;1.10\r\n');
    expect(csvRows(csv)).toEqual([
      ['Nhiệm vụ', 'Chủ trì', 'Tiêu chí'],
      ['Rà soát; báo cáo\nhằng tháng', 'SH-NV', '1.10'],
    ]);
  });
  it('CSV that is not UTF-8, or binary: 400 on the body', async () => {
    expect(await issues(() => csvRows(Buffer.from([0x4e, 0x68, 0x69, 0xea, 0x6d])))).toEqual([
      { field: 'body', message: expect.stringContaining('UTF-8') },
    ]);
    expect(await issues(() => csvRows(Buffer.from('a,b\u0000c')))).toEqual([{ field: 'body', message: 'the CSV contains binary data' }]);
  });
  it('XLSX that is not a workbook, an empty body, another media type: 400', async () => {
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    expect(await issues(() => readPlanUpload({ contentType: xlsx, body: Buffer.from('PK not really a zip') }))).toEqual([
      { field: 'body', message: expect.stringContaining('XLSX') },
    ]);
    expect(await issues(() => readPlanUpload({ contentType: 'text/csv', body: undefined }))).toEqual([
      { field: 'body', message: 'the file is empty' },
    ]);
    expect(await issues(() => readPlanUpload({ contentType: 'text/html', body: Buffer.from('x') }))).toEqual([
      { field: 'content-type', message: expect.any(String) },
    ]);
  });
});
