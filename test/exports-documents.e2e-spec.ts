import { spawnSync } from 'node:child_process';
import { TestApp } from './support/test-app';
import { docxOf } from './support/docx-text';
import { Group, Rate, exportCalls, exportsWorld } from './support/exports-world';

/** The completion report as DOCX and PDF (issue 17, item 11), and the formats in the OpenAPI document. */
let t: TestApp;

beforeAll(async () => {
  ({ t } = await exportsWorld());
}, 120_000);

afterAll(() => t?.close());

const { json, file } = exportCalls(() => t);

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
