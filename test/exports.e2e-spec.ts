import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { Response } from 'superagent';
import { TestApp, bearer, startTestApp } from './support/test-app';
import { province2024 } from './support/province-2024';
import { docxOf } from './support/docx-text';

/**
 * Reports as files (issue 17, items 10 and 11): every number read back from the XLSX, the CSV and
 * the DOCX equals the JSON report of the same query. Offices QNG > SH (SH-NV, SH-VP), BS (BS-NV);
 * tasks assigned 15/1/2024, read as of 10/4/2024:
 *   T1 SH-NV due 31/3 done 30/3 (on time)   T2 SH-NV due 31/3 open (overdue)   T5 SH-NV due 15/3 done 15/3 (on time)
 *   T3 SH-VP due 30/4 open (in progress)    T4 BS-NV due 31/3 open (overdue)   T6 BS-NV due 15/3 done 20/3 (late)
 */
let t: TestApp;
let planId: string;
const ids: Record<string, string> = {};
const admin = () => bearer(t.token('admin', 'QNG'));
const at = (instant: string) => ({ ...admin(), 'Occurred-At': instant });

beforeAll(async () => {
  t = await startTestApp();
  ({ planId } = await province2024(t));
  for (const [name, lead, dueOn, criterion] of [
    ['T1', 'SH-NV', '2024-03-31', '1.3.2'],
    ['T2', 'SH-NV', '2024-03-31', '7.3.3.2'],
    ['T3', 'SH-VP', '2024-04-30', '1.1'],
    ['T4', 'BS-NV', '2024-03-31', '2.1'],
    ['T5', 'SH-NV', '2024-03-15', '1.2'],
    ['T6', 'BS-NV', '2024-03-15', '2.2'],
  ]) {
    const r = await t.http
      .post(`/v1/plans/${planId}/tasks`)
      .set(at('2024-01-15T09:00:00+07:00'))
      .send({ title: `Nhiệm vụ ${name}`, lead, dueOn, criterion });
    expect(r.status).toBe(201);
    ids[name] = r.body.tasks[0].id;
  }
  for (const [name, on] of [
    ['T1', '2024-03-30'],
    ['T5', '2024-03-15'],
    ['T6', '2024-03-20'],
  ]) {
    expect(
      (
        await t.http
          .post(`/v1/tasks/${ids[name]}/completion`)
          .set(at(`${on}T10:00:00+07:00`))
          .send({ completedOn: on, note: 'Đã hoàn thành' })
      ).status,
    ).toBeLessThan(300);
    expect(
      (
        await t.http
          .post(`/v1/tasks/${ids[name]}/completion/accept`)
          .set(at(`${on}T15:00:00+07:00`))
          .send({})
      ).status,
    ).toBeLessThan(300);
  }
  expect(
    (
      await t.http
        .post(`/v1/plans/${planId}/targets/HL/measurements`)
        .set(admin())
        .send({ value: '88.08', asOf: '2024-03-31', source: 'SIPAS' })
    ).status,
  ).toBe(201);
}, 120_000);

afterAll(() => t?.close());

const binary = (res: Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};
const leader = () => bearer(t.token('leader', 'QNG'));
const json = (path: string) => t.http.get(path).set(leader());
const file = (path: string, auth = leader()) => t.http.get(path).set(auth).buffer(true).parse(binary);

async function sheetOf(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  let headerRow = 0;
  ws.eachRow((row, n) => {
    if (!headerRow && row.cellCount > 3) headerRow = n;
  });
  const headers = (ws.getRow(headerRow).values as ExcelJS.CellValue[]).slice(1).map(String);
  const rows: Record<string, ExcelJS.CellValue>[] = [];
  for (let n = headerRow + 1; n <= ws.rowCount; n++) {
    const values = ws.getRow(n).values as ExcelJS.CellValue[];
    rows.push(Object.fromEntries(headers.map((h, i) => [h, values[i + 1] ?? null])));
  }
  const meta = Object.fromEntries(
    Array.from({ length: headerRow - 1 }, (_, i) => ws.getRow(i + 1).values as ExcelJS.CellValue[]).map((v) => [
      String(v[1] ?? ''),
      String(v[2] ?? ''),
    ]),
  );
  return { ws, headerRow, headers, rows, meta };
}

const percentOf = (v: ExcelJS.CellValue) => (v === null ? null : (Math.round(Number(v) * 1_000_000) / 10_000).toFixed(2));
const dateOf = (v: ExcelJS.CellValue) => (v instanceof Date ? v.toISOString().slice(0, 10) : v);

const COUNTS: [string, string][] = [
  ['assigned', 'Được giao'],
  ['due', 'Đến hạn'],
  ['doneOnTime', 'Hoàn thành đúng hạn'],
  ['doneLate', 'Hoàn thành trễ hạn'],
  ['inProgress', 'Đang thực hiện'],
  ['overdue', 'Quá hạn'],
  ['awaitingAcceptance', 'Chờ xác nhận'],
  ['cancelled', 'Đã hủy'],
  ['noDeadline', 'Không có thời hạn'],
  ['extended', 'Được gia hạn'],
];
const RATES: [string, string][] = [
  ['completionRate', 'Tỷ lệ hoàn thành'],
  ['onTimeRate', 'Tỷ lệ đúng hạn'],
  ['overdueRate', 'Tỷ lệ quá hạn'],
];
type Group = Record<string, number | string | null | { numerator: number; denominator: number; percent: string | null }> & {
  key: string | null;
};
type Rate = { numerator: number; denominator: number; percent: string | null };

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

describe('GET /v1/reports/completion?format=docx|pdf', () => {
  const query = '/v1/reports/completion?asOf=2024-04-10&office=QNG';

  it('a Decree 30/2020 report whose counts, table and lists equal the JSON', async () => {
    const report = (await json(query)).body as { groups: Group[]; total: Group };
    const r = await file(`${query}&format=docx`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(r.headers['content-disposition']).toMatch(/filename="bao-cao-ket-qua-thuc-hien-nhiem-vu-qng-2024-04-10\.docx"/);
    const { xml, styles, paragraphs, tables } = await docxOf(r.body);
    for (const line of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: …/BC-…',
      '…, ngày … tháng … năm …',
      'BÁO CÁO',
      'UBND TỈNH QUẢNG NGÃI',
    ]) {
      expect(paragraphs).toContain(line);
    }
    expect(paragraphs.some((p) => p.startsWith('Kết quả thực hiện nhiệm vụ'))).toBe(true);
    // A4, margins 20/20/30/15 mm in twips, Times New Roman 14 pt
    expect(xml.match(/<w:pgSz [^>]*>/)?.[0]).toMatch(/w:w="11906" w:h="16838"/);
    expect(xml.match(/<w:pgMar [^>]*>/)?.[0]).toMatch(/w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    expect(styles).toContain('w:ascii="Times New Roman"');
    expect(/<w:sz w:val="28"\/>/.test(styles)).toBe(true);
    const total = report.total as unknown as Record<string, number> & Record<'onTimeRate' | 'overdueRate', Rate>;
    const vi = (p: string | null) => `${p!.replace('.', ',')}\u00A0%`; // a no-break space before %
    const counts = paragraphs.find((p) => p.startsWith('Kết quả:'))!;
    expect(counts).toContain(`${total.doneOnTime}/${total.due} nhiệm vụ hoàn thành đúng hạn, đạt ${vi(total.onTimeRate.percent)}`);
    expect(counts).toContain(`${total.doneLate}/${total.due} nhiệm vụ hoàn thành trễ hạn`);
    expect(counts).toContain(`${total.overdue}/${total.due} nhiệm vụ quá hạn chưa hoàn thành, chiếm ${vi(total.overdueRate.percent)}`);
    expect(counts).toContain('2/5 nhiệm vụ hoàn thành đúng hạn, đạt 40,00\u00A0%');
    // tables: [heading, counts by office, signature]
    const [head, ...body] = tables[1];
    expect(head).toEqual(['TT', 'Đơn vị', 'Được giao', 'Đến hạn', 'Đúng hạn', 'Trễ hạn', 'Quá hạn', 'Đang thực hiện', 'Tỷ lệ đúng hạn']);
    expect(body).toEqual(
      [...report.groups, { ...report.total, key: null, label: 'Tổng cộng' }].map((g, i) => {
        const n = g as unknown as Record<string, number> & { onTimeRate: Rate; label: string };
        return [
          i < report.groups.length ? String(i + 1) : '',
          n.label,
          ...['assigned', 'due', 'doneOnTime', 'doneLate', 'overdue', 'inProgress'].map((f) => String(n[f])),
          n.onTimeRate.percent === null ? '-' : vi(n.onTimeRate.percent),
        ];
      }),
    );
    const overdueAt = paragraphs.indexOf('III. NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH');
    const lateAt = paragraphs.indexOf('IV. NHIỆM VỤ HOÀN THÀNH TRỄ HẠN');
    const overdueList = paragraphs.slice(overdueAt + 1, lateAt);
    expect(overdueList.length).toBe(total.overdue);
    expect(overdueList.join('\n')).toMatch(/Nhiệm vụ T2 - Phòng Nội vụ Sơn Hà; thời hạn 31\/3\/2024; quá hạn 10 ngày/);
    expect(overdueList.join('\n')).toContain('Nhiệm vụ T4');
    expect(paragraphs[lateAt + 1]).toBe('1. Nhiệm vụ T6 - Phòng Nội vụ Bình Sơn; thời hạn 15/3/2024.');
    expect(total.doneLate).toBe(1);
  });

  it('PDF through LibreOffice when soffice is on PATH, else 501 saying so', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const none = await file(`${query}&format=pdf`);
      expect(none.status).toBe(501);
      expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(none.body.toString()).detail).toMatch(/LibreOffice .* not installed/);
    } finally {
      process.env.PATH = path;
    }
    if (!spawnSync('sh', ['-c', 'command -v soffice']).stdout.length) return;
    const pdf = await file(`${query}&format=pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
  }, 90_000);
});

describe('OpenAPI', () => {
  it('documents format on the report routes and the task list, with the file types they produce', async () => {
    const doc = (await t.http.get('/docs-json')).body as {
      paths: Record<
        string,
        {
          get: {
            parameters: { name: string; schema?: { enum?: string[] } }[];
            responses: Record<string, { content?: Record<string, unknown> }>;
          };
        }
      >;
    };
    const format = (path: string) => doc.paths[path].get.parameters.find((p) => p.name === 'format')?.schema?.enum;
    expect(format('/v1/reports/completion')).toEqual(['json', 'xlsx', 'csv', 'docx', 'pdf']);
    for (const path of ['/v1/reports/overdue', '/v1/reports/targets', '/v1/tasks'])
      expect([path, format(path)]).toEqual([path, ['json', 'xlsx', 'csv']]);
    expect(Object.keys(doc.paths['/v1/reports/completion'].get.responses['200'].content ?? {})).toEqual(
      expect.arrayContaining([
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'text/csv; charset=utf-8',
        'application/pdf',
      ]),
    );
  });
});
