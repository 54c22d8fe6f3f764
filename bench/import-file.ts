/**
 * A plan file of 10,000 rows as officials write it (printed office names, collectives, deadline
 * phrases of every kind), uploaded as XLSX: POST /v1/imports?dryRun=true, then POST /v1/imports,
 * through HTTP to the app in this process. Timed end to end (upload, read, resolve, write, the
 * answer). Goal: preview + import ≤ 10 s.
 *
 *   node -r @swc-node/register bench/import-file.ts   (alone: BENCH_IMPORT_ROWS, BENCH_RUNS)
 */
import { startApp } from '../apps/api/src/bootstrap';
import { signToken } from '../apps/api/src/http/auth/token-verifier';
import { BenchRow, BenchServer, env, median, runAlone, round2 } from './lib';

const SECRET = 'bench-secret-that-is-long-enough-for-hs256-0123456789';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const OFFICES = [
  ['B-VP', 'Văn phòng HĐND và UBND huyện'],
  ['B-NV', 'Phòng Nội vụ huyện'],
  ['B-TP', 'Phòng Tư pháp huyện'],
  ['B-TCKH', 'Phòng Tài chính - Kế hoạch huyện'],
  ['B-VHTT', 'Phòng Văn hóa và Thông tin huyện'],
  ['B-TNMT', 'Phòng Tài nguyên và Môi trường huyện'],
  ['B-GDDT', 'Phòng Giáo dục và Đào tạo huyện'],
  ['B-KTHT', 'Phòng Kinh tế và Hạ tầng huyện'],
  ['B-LDTBXH', 'Phòng Lao động - Thương binh và Xã hội huyện'],
  ['B-YT', 'Phòng Y tế huyện'],
];
const COMMUNES = Array.from({ length: 10 }, (_, i) => [
  `B-X${i + 1}`,
  `UBND xã Bình ${['An', 'Bắc', 'Châu', 'Dương', 'Hải', 'Khương', 'Long', 'Minh', 'Phước', 'Thạnh'][i]}`,
]);
const LEADS = [
  'Phòng Nội vụ',
  'Phòng Tư pháp huyện',
  'Văn phòng HĐND và UBND huyện',
  'Phòng TC-KH',
  'Phòng Văn hóa và Thông tin',
  'Phòng TN&MT',
  'Phòng GD&ĐT',
  'Phòng Y tế',
  'B-KTHT',
];
const SUPPORTING = [
  'Các phòng chuyên môn',
  'UBND các xã, thị trấn',
  'Phòng Nội vụ, Phòng Tư pháp',
  'Các cơ quan, đơn vị liên quan',
  '',
  'Phòng Lao động - Thương binh và Xã hội',
];
const DEADLINES = [
  'Quý III/2026',
  'Quí II-2026',
  'Trong năm 2026',
  'trước ngày 15/10/2026',
  'Tháng 6/2026',
  '6 tháng cuối năm 2026',
  'Thường xuyên',
  'Hằng quý',
  'Sau khi có hướng dẫn của Sở',
  '',
  'Quý III/2026 - Quý IV/2026',
  '30/11/2026',
];

function planRows(code: string, rows: number): string[][] {
  const out: string[][] = [
    ['KẾ HOẠCH THỰC HIỆN NHIỆM VỤ NĂM 2026'],
    ['Mã kế hoạch', code],
    ['Tên kế hoạch', `Kế hoạch thực hiện nhiệm vụ năm 2026 (${code})`],
    ['Cơ quan ban hành', 'UBND-B'],
    ['Văn bản', `${code}/KH-UBND`, 'Kế hoạch', '2026-01-10', 'UBND-B', 'Kế hoạch thực hiện nhiệm vụ năm 2026'],
    ['Văn bản ban hành', `${code}/KH-UBND`],
    ['Từ ngày', '01/01/2026'],
    ['Đến ngày', '31/12/2026'],
    ['Ngày giao', '2026-01-15'],
    ['Đơn vị', 'UBND-B', 'UBND huyện Bình Sơn', '', 'district'],
    ...OFFICES.map(([c, n]) => ['Đơn vị', c, n, 'UBND-B', 'office']),
    ...COMMUNES.map(([c, n]) => ['Đơn vị', c, n, 'UBND-B', 'commune']),
    ['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành', 'Sản phẩm'],
  ];
  for (let i = 0; i < rows; i++) {
    out.push([
      String(i + 1),
      `Nhiệm vụ số ${i + 1}: rà soát, báo cáo kết quả thực hiện`,
      LEADS[i % LEADS.length],
      SUPPORTING[i % SUPPORTING.length],
      DEADLINES[i % DEADLINES.length],
      'Báo cáo kết quả',
    ]);
  }
  return out;
}

async function xlsx(rows: string[][]): Promise<Buffer> {
  const { Workbook } = await import('exceljs');
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('Kế hoạch');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function post(url: string, token: string, body: Buffer): Promise<{ status: number; json: Record<string, unknown>; ms: number }> {
  const t0 = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': XLSX }, body });
  const json = (await res.json()) as Record<string, unknown>;
  return { status: res.status, json, ms: performance.now() - t0 };
}

export async function importFileBench(server: BenchServer, opts: { rows: number; runs: number }): Promise<BenchRow[]> {
  const db = await server.fresh('importfile');
  console.log(`import file: ${opts.rows.toLocaleString('en-US')} rows as XLSX, preview then import, ${opts.runs} runs (+ warm-up)`);
  const app = await startApp({
    ...process.env,
    DATABASE_URL: db.url,
    JWT_SECRET: SECRET,
    PORT: '0',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    DIGEST_CRON: '0 7 1 1 *',
  });
  const token = signToken(SECRET, { sub: 'bench-admin', role: 'admin', office: 'UBND-B' });
  const totals: number[] = [];
  const previews: number[] = [];
  const imports: number[] = [];
  let bytes = 0;
  try {
    for (let r = -1; r < opts.runs; r++) {
      const file = await xlsx(planRows(`BENCH-${r + 2}-${Date.now() % 100000}`, opts.rows));
      bytes = file.length;
      const preview = await post(`${app.url}/v1/imports?dryRun=true`, token, file);
      if (preview.status !== 200 || preview.json.ok !== true)
        throw new Error(`preview: ${preview.status} ${JSON.stringify(preview.json.errors ?? preview.json).slice(0, 800)}`);
      const imported = await post(`${app.url}/v1/imports`, token, file);
      if (imported.status !== 201) throw new Error(`import: ${imported.status} ${JSON.stringify(imported.json).slice(0, 500)}`);
      const shown = (preview.json.created as { tasks: number }).tasks;
      if (imported.json.tasks !== shown) throw new Error(`the import wrote ${imported.json.tasks} tasks, the preview showed ${shown}`);
      const total = preview.ms + imported.ms;
      console.log(
        `  ${r < 0 ? 'warm-up' : `run ${r + 1}`}: preview ${(preview.ms / 1000).toFixed(2)} s, import ${(imported.ms / 1000).toFixed(2)} s (${imported.json.tasks} tasks), total ${(total / 1000).toFixed(2)} s`,
      );
      if (r >= 0) {
        totals.push(total / 1000);
        previews.push(preview.ms / 1000);
        imports.push(imported.ms / 1000);
      }
    }
  } finally {
    await app.close();
    await db.drop();
  }
  const t = median(totals);
  return [
    {
      name: `plan file import, ${opts.rows.toLocaleString('en-US')} rows XLSX (preview + import, end to end)`,
      unit: 's',
      ours: round2(t),
      goal: '≤ 10 s',
      met: t <= 10,
      note: `median of ${opts.runs}; preview ${round2(median(previews))} s, import ${round2(median(imports))} s; file ${(bytes / 1e6).toFixed(2)} MB`,
      runs: {
        total: totals.map((x) => round2(x) ?? NaN),
        preview: previews.map((x) => round2(x) ?? NaN),
        import: imports.map((x) => round2(x) ?? NaN),
      },
    },
  ];
}

if (require.main === module)
  runAlone('import-file', (server) => importFileBench(server, { rows: env('BENCH_IMPORT_ROWS', 10_000), runs: env('BENCH_RUNS', 3) }));
