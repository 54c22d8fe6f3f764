import type { Rate } from '@dondoc/domain/counting';
import type { TargetReportRow } from '@dondoc/domain/counting';
import type { TaskListRow } from '@dondoc/read-models/tasks/task.query';
import type { CompletionGroup, CompletionReport, CompletionTotal, OverdueReport } from '@dondoc/read-models/reports/report-model';

/**
 * What an export shows, independent of the file type: a title block (scope, period, asOf,
 * rounding) and one table. XLSX and CSV render the same rows, so the numbers of every format
 * are those of the JSON answer they are built from.
 */
export type CellKind = 'text' | 'int' | 'date' | 'percent' | 'decimal';
export type Cell = string | number | null;

export interface ColumnSpec {
  header: string;
  kind: CellKind;
  width?: number;
}

export interface ReportTable {
  /** Sheet name (≤ 31 characters, no []:*?/\). */
  sheet: string;
  title: string;
  /** Label → value lines of the title block. */
  meta: [string, string][];
  columns: ColumnSpec[];
  rows: Cell[][];
}

export const ROUNDING_LABEL: Record<string, string> = {
  halfUp: 'làm tròn nửa lên, 2 chữ số thập phân (halfUp)',
  truncate: 'cắt bỏ sau 2 chữ số thập phân (truncate)',
};

export const STATUS_LABEL: Record<string, string> = {
  IN_PROGRESS: 'Đang thực hiện',
  OVERDUE: 'Quá hạn',
  AWAITING_ACCEPTANCE: 'Chờ xác nhận hoàn thành',
  DONE_ON_TIME: 'Hoàn thành đúng hạn',
  DONE_LATE: 'Hoàn thành trễ hạn',
  CANCELLED: 'Đã hủy',
};

const GROUP_LABEL: Record<string, string> = { office: 'Đơn vị', criterion: 'Tiêu chí', area: 'Lĩnh vực', plan: 'Kế hoạch' };

/** A rate's exact percent string ("97.78"); each renderer writes it its way; null stays empty. */
export const percentCell = (r: Rate<number>): string | null => r.percent;

const RATE_COLUMNS: [keyof Pick<CompletionGroup, 'completionRate' | 'onTimeRate' | 'overdueRate'>, string][] = [
  ['completionRate', 'Tỷ lệ hoàn thành'],
  ['onTimeRate', 'Tỷ lệ đúng hạn'],
  ['overdueRate', 'Tỷ lệ quá hạn'],
];

const COUNT_COLUMNS: [keyof CompletionTotal, string][] = [
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

export function completionTable(report: CompletionReport, meta: [string, string][]): ReportTable {
  const columns: ColumnSpec[] = [
    { header: `Mã ${GROUP_LABEL[report.groupBy].toLowerCase()}`, kind: 'text', width: 14 },
    { header: GROUP_LABEL[report.groupBy], kind: 'text', width: 36 },
    ...COUNT_COLUMNS.map(([, header]) => ({ header, kind: 'int' as const, width: 12 })),
    // Each percentage with its exact numerator and denominator beside it.
    ...RATE_COLUMNS.flatMap(([, header]) => [
      { header, kind: 'percent' as const, width: 14 },
      { header: `${header} - tử số`, kind: 'int' as const, width: 12 },
      { header: `${header} - mẫu số`, kind: 'int' as const, width: 12 },
    ]),
  ];
  const line = (key: Cell, label: Cell, g: CompletionTotal): Cell[] => [
    key,
    label,
    ...COUNT_COLUMNS.map(([field]) => g[field] as number),
    ...RATE_COLUMNS.flatMap(([field]) => [percentCell(g[field]), g[field].numerator, g[field].denominator]),
  ];
  return {
    sheet: 'Tỷ lệ hoàn thành',
    title: 'BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ',
    meta,
    columns,
    rows: [...report.groups.map((g) => line(g.key, g.label, g)), line(null, 'Tổng cộng', report.total)],
  };
}

export function overdueTable(report: OverdueReport, meta: [string, string][]): ReportTable {
  return {
    sheet: 'Nhiệm vụ quá hạn',
    title: 'DANH SÁCH NHIỆM VỤ QUÁ HẠN',
    meta,
    columns: [
      { header: 'STT', kind: 'int', width: 6 },
      { header: 'Tên nhiệm vụ', kind: 'text', width: 50 },
      { header: 'Kỳ', kind: 'text', width: 10 },
      { header: 'Mã đơn vị chủ trì', kind: 'text', width: 14 },
      { header: 'Đơn vị chủ trì', kind: 'text', width: 30 },
      { header: 'Kế hoạch', kind: 'text', width: 30 },
      { header: 'Số văn bản', kind: 'text', width: 18 },
      { header: 'Tiêu chí', kind: 'text', width: 10 },
      { header: 'Thời hạn', kind: 'date', width: 12 },
      { header: 'Số ngày quá hạn', kind: 'int', width: 10 },
      { header: 'Mã nhiệm vụ', kind: 'text', width: 38 },
    ],
    rows: report.items.map((i, n) => [
      n + 1,
      i.title,
      i.occurrence,
      i.lead,
      i.leadName,
      i.plan.title,
      i.directiveNumber,
      i.criterion,
      i.dueOn,
      i.daysOverdue,
      i.taskId,
    ]),
  };
}

const COMPARATOR_LABEL: Record<string, string> = { atLeast: 'Tối thiểu', atMost: 'Tối đa', between: 'Trong khoảng' };

export function targetsTable(rows: TargetReportRow[], meta: [string, string][]): ReportTable {
  const target = (t: TargetReportRow['target']) => (typeof t === 'string' ? t : `${t.min} - ${t.max}`);
  return {
    sheet: 'Chỉ tiêu',
    title: 'KẾT QUẢ THỰC HIỆN CHỈ TIÊU',
    meta,
    columns: [
      { header: 'Mã chỉ tiêu', kind: 'text', width: 12 },
      { header: 'Chỉ tiêu', kind: 'text', width: 40 },
      { header: 'Đơn vị tính', kind: 'text', width: 12 },
      { header: 'Điều kiện', kind: 'text', width: 14 },
      { header: 'Mục tiêu', kind: 'text', width: 14 },
      { header: 'Ngưỡng nghiêm ngặt', kind: 'text', width: 10 },
      { header: 'Thực hiện', kind: 'decimal', width: 12 },
      { header: 'Ngày đo', kind: 'date', width: 12 },
      { header: 'Nguồn', kind: 'text', width: 16 },
      { header: 'Mức đạt (%)', kind: 'decimal', width: 12 },
      { header: 'Đạt', kind: 'text', width: 8 },
    ],
    rows: rows.map((r) => [
      r.code,
      r.name,
      r.unit,
      COMPARATOR_LABEL[r.comparator] ?? r.comparator,
      target(r.target),
      r.strict ? 'Có' : 'Không',
      r.actual,
      r.measuredOn,
      r.source,
      r.attainment,
      r.met ? 'Đạt' : 'Chưa đạt',
    ]),
  };
}

export const TASK_COLUMNS: ColumnSpec[] = [
  { header: 'STT', kind: 'int', width: 8 },
  { header: 'Tên nhiệm vụ', kind: 'text', width: 60 },
  { header: 'Đơn vị chủ trì', kind: 'text', width: 14 },
  { header: 'Tiêu chí', kind: 'text', width: 10 },
  { header: 'Thời hạn ban đầu', kind: 'date', width: 12 },
  { header: 'Thời hạn', kind: 'date', width: 12 },
  { header: 'Trạng thái', kind: 'text', width: 22 },
  { header: 'Mã trạng thái', kind: 'text', width: 20 },
  { header: 'Mã kế hoạch', kind: 'text', width: 38 },
  { header: 'Mã nhiệm vụ', kind: 'text', width: 38 },
  { header: 'Phiên bản', kind: 'int', width: 8 },
];

export const taskCells = (r: TaskListRow, n: number): Cell[] => [
  n,
  r.title,
  r.lead,
  r.criterion,
  r.originalDueOn,
  r.dueOn,
  STATUS_LABEL[r.status] ?? r.status,
  r.status,
  r.planId,
  r.id,
  r.version,
];
