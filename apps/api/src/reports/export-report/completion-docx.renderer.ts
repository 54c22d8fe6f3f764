import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { CompletionReport, CompletionTotal, ListedItem, OverdueItem } from '@dondoc/read-models/reports/report-model';

export interface CompletionDocxInput {
  report: CompletionReport;
  /** The parent body ("UBND HUYỆN SƠN HÀ") and the issuing office, as printed in the heading. */
  parentBody: string | null;
  issuingBody: string;
  /** "Kế hoạch CCHC năm 2024": what the tasks carry out; null: every plan in scope. */
  subject: string | null;
  periodText: string;
  asOfText: string;
  overdue: OverdueItem[];
  late: ListedItem[];
}

const FONT = 'Times New Roman';
const occurrenceText = (i: ListedItem) => (i.occurrence ? ` (kỳ ${i.occurrence})` : '');
/** Millimetres to twips, rounded (docx's convertMillimetersToTwip floors: A4 would be 11905 wide). */
const mm = (x: number) => Math.round((x * 1440) / 25.4);
const SIZE = 28; // half-points: 14 pt (Decree 30/2020: 13–14 pt)
const TABLE_SIZE = 24; // 12 pt in the table of counts, so that nine columns fit the A4 width

/** Vietnamese decimal comma: "97.78" → "97,78". */
export const viDecimal = (s: string) => s.replace('.', ',');
/** A local date '2024-03-31' → '31/3/2024' as printed. */
export const viDate = (d: string | null) => (d ? `${Number(d.slice(8, 10))}/${Number(d.slice(5, 7))}/${d.slice(0, 4)}` : '');

const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
  new TextRun({ text, font: FONT, size: o.size ?? SIZE, ...o });
const para = (
  children: TextRun[] | string,
  o: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: boolean; after?: number } = {},
) =>
  new Paragraph({
    children: typeof children === 'string' ? [run(children)] : children,
    alignment: o.align ?? AlignmentType.JUSTIFIED,
    indent: o.indent ? { firstLine: mm(12.7) } : undefined,
    spacing: { after: o.after ?? 120, line: 300 },
  });
const center = (children: TextRun[]) => new Paragraph({ children, alignment: AlignmentType.CENTER, spacing: { after: 0 } });

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

/** The heading of Decree 30/2020 (Appendix I): the issuing body and number on the left, the national motto and place-date on the right. */
function heading(input: CompletionDocxInput): Table {
  const left = [
    ...(input.parentBody ? [center([run(input.parentBody.toUpperCase(), { size: 26 })])] : []),
    center([run(input.issuingBody.toUpperCase(), { bold: true, size: 26 })]),
    center([run('———', { size: 26 })]),
    center([run('Số: …/BC-…', { size: 26 })]),
  ];
  const right = [
    center([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 24 })]),
    center([run('Độc lập - Tự do - Hạnh phúc', { bold: true, size: 28 })]),
    center([run('———————', { size: 26 })]),
    center([run('…, ngày … tháng … năm …', { italics: true, size: 28 })]),
  ];
  const cell = (children: Paragraph[], pct: number) =>
    new TableCell({ children, width: { size: pct, type: WidthType.PERCENTAGE }, borders: NO_BORDERS });
  return new Table({
    rows: [new TableRow({ children: [cell(left, 38), cell(right, 62)] })],
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
  });
}

// A no-break space keeps "69,62 %" on one line.
const pct = (p: string | null) => (p === null ? '-' : `${viDecimal(p)}\u00A0%`);

/** The counts in the phrasing of the seeds' reports ("44/45 nhiệm vụ hoàn thành đúng hạn, đạt 97,78 %"). */
export function countsSentences(t: CompletionTotal): string[] {
  return [
    `Tổng số nhiệm vụ được giao: ${t.assigned} nhiệm vụ; trong đó ${t.due} nhiệm vụ đã đến hạn, ${t.noDeadline} nhiệm vụ không có thời hạn, ${t.extended} nhiệm vụ được gia hạn.`,
    `Kết quả: ${t.doneOnTime}/${t.due} nhiệm vụ hoàn thành đúng hạn, đạt ${pct(t.onTimeRate.percent)}; ` +
      `${t.doneLate}/${t.due} nhiệm vụ hoàn thành trễ hạn; ` +
      `${t.overdue}/${t.due} nhiệm vụ quá hạn chưa hoàn thành, chiếm ${pct(t.overdueRate.percent)}; ` +
      `${t.inProgress} nhiệm vụ đang thực hiện; ${t.awaitingAcceptance} nhiệm vụ chờ xác nhận hoàn thành.`,
    `Tỷ lệ hoàn thành: ${t.completionRate.numerator}/${t.completionRate.denominator} nhiệm vụ được giao, đạt ${pct(t.completionRate.percent)}.`,
  ];
}

const GROUP_HEAD: Record<string, string> = { office: 'Đơn vị', criterion: 'Tiêu chí', area: 'Lĩnh vực', plan: 'Kế hoạch' };
export const DOCX_TABLE_HEAD = ['TT', '', 'Được giao', 'Đến hạn', 'Đúng hạn', 'Trễ hạn', 'Quá hạn', 'Đang thực hiện', 'Tỷ lệ đúng hạn'];

function grid(head: string[], rows: string[][], widths: number[]): Table {
  const cell = (text: string, i: number, bold: boolean) =>
    new TableCell({
      children: [
        new Paragraph({
          children: [run(text, { bold, size: TABLE_SIZE })],
          alignment: i === 1 ? AlignmentType.LEFT : AlignmentType.CENTER,
        }),
      ],
      width: { size: widths[i], type: WidthType.PERCENTAGE },
      verticalAlign: VerticalAlign.CENTER,
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h, i) => cell(h, i, true)) }),
      ...rows.map((r, n) => new TableRow({ children: r.map((v, i) => cell(v, i, n === rows.length - 1 && r[0] === '')) })),
    ],
  });
}

export function completionRows(report: CompletionReport): string[][] {
  const line = (stt: string, label: string, g: CompletionTotal) => [
    stt,
    label,
    String(g.assigned),
    String(g.due),
    String(g.doneOnTime),
    String(g.doneLate),
    String(g.overdue),
    String(g.inProgress),
    pct(g.onTimeRate.percent),
  ];
  return [
    ...report.groups.map((g, i) => line(String(i + 1), g.label ?? g.key ?? '(không xác định)', g)),
    line('', 'Tổng cộng', report.total),
  ];
}

/** The completion report as a Word document laid out as an administrative report (Decree 30/2020/NĐ-CP). */
export async function completionDocx(input: CompletionDocxInput): Promise<Buffer> {
  const { report } = input;
  const subject = input.subject ?? 'theo kế hoạch';
  const list = (items: string[]) =>
    items.length ? items.map((s, i) => para(`${i + 1}. ${s}`, { indent: true, after: 60 })) : [para('Không có.', { indent: true })];
  const doc = new Document({
    creator: 'Dondoc',
    title: `Báo cáo kết quả thực hiện nhiệm vụ ${subject}`,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            // Decree 30/2020, Appendix I: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
            margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) },
          },
        },
        children: [
          heading(input),
          new Paragraph({ children: [], spacing: { after: 240 } }),
          center([run('BÁO CÁO', { bold: true })]),
          center([run(`Kết quả thực hiện nhiệm vụ ${subject}`, { bold: true })]),
          center([run(`(${input.periodText}; số liệu tính đến ${input.asOfText})`, { italics: true })]),
          new Paragraph({ children: [], spacing: { after: 240 } }),
          para([run('I. KẾT QUẢ CHUNG', { bold: true })], { indent: true }),
          ...countsSentences(report.total).map((s) => para(s, { indent: true })),
          para([run(`II. KẾT QUẢ THEO ${GROUP_HEAD[report.groupBy].toUpperCase()}`, { bold: true })], { indent: true }),
          grid(
            DOCX_TABLE_HEAD.map((h, i) => (i === 1 ? GROUP_HEAD[report.groupBy] : h)),
            completionRows(report),
            [6, 30, 8, 8, 8, 8, 8, 10, 14],
          ),
          new Paragraph({ children: [], spacing: { after: 120 } }),
          para([run('III. NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH', { bold: true })], { indent: true }),
          ...list(
            input.overdue.map(
              (i) =>
                `${i.title}${occurrenceText(i)} - ${i.leadName ?? i.lead}; thời hạn ${viDate(i.dueOn)}; quá hạn ${i.daysOverdue} ngày.`,
            ),
          ),
          para([run('IV. NHIỆM VỤ HOÀN THÀNH TRỄ HẠN', { bold: true })], { indent: true }),
          ...list(input.late.map((i) => `${i.title}${occurrenceText(i)} - ${i.leadName ?? i.lead}; thời hạn ${viDate(i.dueOn)}.`)),
          new Paragraph({ children: [], spacing: { after: 240 } }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            borders: NO_BORDERS,
            rows: [
              new TableRow({
                children: [
                  new TableCell({
                    borders: NO_BORDERS,
                    width: { size: 50, type: WidthType.PERCENTAGE },
                    children: [
                      new Paragraph({ children: [run('Nơi nhận:', { bold: true, italics: true, size: 24 })] }),
                      new Paragraph({ children: [run('- …;', { size: 22 })] }),
                      new Paragraph({ children: [run('- Lưu: VT.', { size: 22 })] }),
                    ],
                  }),
                  new TableCell({
                    borders: NO_BORDERS,
                    width: { size: 50, type: WidthType.PERCENTAGE },
                    children: [
                      center([run('THỦ TRƯỞNG CƠ QUAN', { bold: true })]),
                      center([run('(Ký, ghi rõ họ tên, đóng dấu)', { italics: true })]),
                    ],
                  }),
                ],
              }),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
