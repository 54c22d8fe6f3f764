import { parse } from 'csv-parse/sync';
import { TestApp, bearer } from './support/test-app';
import { COUNTS, Group, RATES, Rate, dateOf, exportCalls, exportsWorld, percentOf, sheetOf } from './support/exports-world';

/** Reports and the task list as XLSX and CSV (issue 17, item 10): every number equals the JSON of the same query. */
let t: TestApp;
let planId: string;
let ids: Record<string, string>;

beforeAll(async () => {
  ({ t, planId, ids } = await exportsWorld());
}, 120_000);

afterAll(() => t?.close());

const { json, file } = exportCalls(() => t);

describe('GET /v1/reports/completion?format=xlsx|csv', () => {
  const query = '/v1/reports/completion?asOf=2024-04-10&office=QNG';

  it('XLSX: every count and rate of every office equals the JSON report, percentages as 0.00% numbers beside their numerator and denominator', async () => {
    const report = (await json(query)).body as { groups: Group[]; total: Group; asOf: string };
    expect(report.groups.length).toBe(3);
    const r = await file(`${query}&format=xlsx`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(r.headers['content-disposition']).toBe(
      `attachment; filename="bao-cao-ket-qua-thuc-hien-nhiem-vu-qng-2024-04-10.xlsx"; filename*=UTF-8''${encodeURIComponent('Báo cáo kết quả thực hiện nhiệm vụ QNG 2024-04-10.xlsx')}`,
    );
    const { ws, headerRow, rows, meta } = await sheetOf(r.body);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: headerRow });
    expect(meta['Phạm vi:']).toBe('UBND tỉnh Quảng Ngãi (QNG) và các đơn vị trực thuộc');
    expect(meta['Số liệu tính đến (asOf):']).toContain(report.asOf);
    expect(meta['Làm tròn:']).toContain('halfUp');
    expect(meta['Kỳ báo cáo:']).toBeDefined();
    expect(rows.length).toBe(report.groups.length + 1);
    [...report.groups, { ...report.total, key: null }].forEach((g, i) => {
      const row = rows[i];
      expect(row['Mã đơn vị']).toBe(g.key);
      for (const [field, header] of COUNTS) expect([header, row[header]]).toEqual([header, g[field]]);
      for (const [field, header] of RATES) {
        const rate = g[field] as Rate;
        expect([header, percentOf(row[header])]).toEqual([header, rate.percent]);
        expect(row[`${header} - tử số`]).toBe(rate.numerator);
        expect(row[`${header} - mẫu số`]).toBe(rate.denominator);
      }
    });
    const onTime = ws.getRow(headerRow + 1).getCell(13);
    expect(ws.getRow(headerRow).getCell(13).value).toBe('Tỷ lệ hoàn thành');
    expect(onTime.numFmt).toBe('0.00%');
    // several rates, not one repeated: 66.67 % for SH-NV, 0.00 % on time for BS-NV
    expect(report.groups.map((g) => (g.onTimeRate as Rate).percent)).toEqual(['0.00', '66.67', null]);
  });

  it('CSV (UTF-8 with BOM): the same numbers', async () => {
    const report = (await json(`${query}&rounding=truncate`)).body as { groups: Group[]; total: Group };
    const r = await file(`${query}&rounding=truncate&format=csv`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect([...(r.body as Buffer).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse((r.body as Buffer).toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.length).toBe(report.groups.length + 1);
    [...report.groups, { ...report.total, key: null }].forEach((g, i) => {
      expect(rows[i]['Mã đơn vị']).toBe(g.key ?? '');
      for (const [field, header] of COUNTS) expect(Number(rows[i][header])).toBe(g[field]);
      for (const [field, header] of RATES) {
        const rate = g[field] as Rate;
        expect(rows[i][header]).toBe(rate.percent === null ? '' : `${rate.percent}%`);
        expect(Number(rows[i][`${header} - tử số`])).toBe(rate.numerator);
        expect(Number(rows[i][`${header} - mẫu số`])).toBe(rate.denominator);
      }
    });
    expect(rows.find((row) => row['Mã đơn vị'] === 'SH-NV')?.['Tỷ lệ đúng hạn']).toBe('66.66%');
  });

  it('the JSON answer is gzipped for a client that accepts it; the files (xlsx, csv) are sent as they are', async () => {
    const gzipped = await json(query).set('Accept-Encoding', 'gzip');
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.body.groups.length).toBe(3);
    expect((await json(query).set('Accept-Encoding', 'identity')).headers['content-encoding']).toBeUndefined();
    for (const format of ['xlsx', 'csv']) {
      const r = await file(`${query}&format=${format}`).set('Accept-Encoding', 'gzip');
      expect([r.status, r.headers['content-encoding']]).toEqual([200, undefined]);
    }
  });

  it('scopes and validates exactly as the JSON route', async () => {
    const outside = await file('/v1/reports/completion?office=BS-NV&format=xlsx', bearer(t.token('leader', 'SH')));
    expect(outside.status).toBe(404);
    expect(outside.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(outside.body.toString()).code).toBe(
      (await t.http.get('/v1/reports/completion?office=BS-NV').set(bearer(t.token('leader', 'SH')))).body.code,
    );
    expect((await file('/v1/reports/completion?plan=00000000-0000-4000-8000-000000000000&format=csv')).status).toBe(404);
    const bad = await json('/v1/reports/completion?format=xls');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['format']);
    expect(bad.body.errors[0].message).toContain('xlsx');
    expect((await file('/v1/reports/completion?format=xlsx')).status).toBe(200);
    expect((await t.http.get('/v1/reports/completion?format=xlsx')).status).toBe(401);
  });
});

describe('GET /v1/reports/overdue and targets as files', () => {
  it('overdue XLSX and CSV: the items of the JSON report', async () => {
    const report = (await json('/v1/reports/overdue?asOf=2024-04-10')).body as {
      items: { taskId: string; title: string; lead: string; dueOn: string; daysOverdue: number; leadName: string }[];
    };
    expect(report.items.length).toBe(2);
    const { rows } = await sheetOf((await file('/v1/reports/overdue?asOf=2024-04-10&format=xlsx')).body);
    expect(
      rows.map((r) => [
        r['Mã nhiệm vụ'],
        r['Tên nhiệm vụ'],
        r['Mã đơn vị chủ trì'],
        r['Đơn vị chủ trì'],
        dateOf(r['Thời hạn']),
        r['Số ngày quá hạn'],
      ]),
    ).toEqual(report.items.map((i) => [i.taskId, i.title, i.lead, i.leadName, i.dueOn, i.daysOverdue]));
    const csv = parse((await file('/v1/reports/overdue?asOf=2024-04-10&format=csv')).body.toString('utf8'), {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    expect(csv.map((r) => [r['Mã nhiệm vụ'], Number(r['Số ngày quá hạn'])])).toEqual(report.items.map((i) => [i.taskId, i.daysOverdue]));
    const bad = await json('/v1/reports/overdue?format=docx');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('format');
  });

  it('targets XLSX: actual and attainment as numbers', async () => {
    const report = (await json(`/v1/reports/targets?plan=${planId}&asOf=2024-06-30`)).body as {
      code: string;
      actual: string;
      attainment: string;
      met: boolean;
    }[];
    const { rows } = await sheetOf((await file(`/v1/reports/targets?plan=${planId}&asOf=2024-06-30&format=xlsx`)).body);
    expect(rows.map((r) => [r['Mã chỉ tiêu'], String(r['Thực hiện']), String(r['Mức đạt (%)']), r['Đạt']])).toEqual(
      report.map((x) => [x.code, String(Number(x.actual)), String(Number(x.attainment)), x.met ? 'Đạt' : 'Chưa đạt']),
    );
  });
});

describe('GET /v1/tasks?format=xlsx|csv', () => {
  it('every task of the JSON list, with its status and deadlines', async () => {
    const list = (await json('/v1/tasks?asOf=2024-04-10&limit=500')).body as {
      items: { id: string; title: string; lead: string; status: string; dueOn: string; version: number }[];
    };
    expect(list.items.length).toBe(6);
    const r = await file('/v1/tasks?asOf=2024-04-10&format=xlsx');
    expect(r.status).toBe(200);
    expect(r.headers['content-disposition']).toMatch(/^attachment; filename="danh-sach-nhiem-vu-2024-04-10\.xlsx"; filename\*=UTF-8''/);
    const { ws, headerRow, rows } = await sheetOf(r.body);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: headerRow });
    const shape = (x: { id: string; title: string; lead: string; status: string; dueOn: string | null; version: number }) => [
      x.id,
      x.title,
      x.lead,
      x.status,
      x.dueOn,
      x.version,
    ];
    expect(
      rows.map((x) =>
        shape({
          id: String(x['Mã nhiệm vụ']),
          title: String(x['Tên nhiệm vụ']),
          lead: String(x['Đơn vị chủ trì']),
          status: String(x['Mã trạng thái']),
          dueOn: dateOf(x['Thời hạn']) as string,
          version: Number(x['Phiên bản']),
        }),
      ),
    ).toEqual(list.items.map(shape));
    expect(rows.find((x) => x['Mã nhiệm vụ'] === ids.T6)?.['Trạng thái']).toBe('Hoàn thành trễ hạn');
    const csv = parse((await file('/v1/tasks?asOf=2024-04-10&status=OVERDUE&format=csv')).body.toString('utf8'), {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    expect(csv.map((x) => x['Mã nhiệm vụ']).sort()).toEqual([ids.T2, ids.T4].sort());
    expect((await file('/v1/tasks?office=BS-NV&format=xlsx', bearer(t.token('leader', 'SH')))).status).toBe(404);
    const bad = await json('/v1/tasks?format=pdf');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('format');
  });
});

/** The text of each <w:p> (and, for tables, each row's cells) of word/document.xml. */
