import type { PlanField, TaskField } from './import-document';
import { keyOf } from './import-values';

/**
 * Column headers of a task table, Vietnamese as plans write them and English (the JSON field
 * names). Matching ignores case, diacritics and a trailing colon: "THỜI HẠN", "Thoi han:" match.
 * The first name of each list is the one templates write.
 */
export type TableColumn = TaskField | 'targetName' | 'targetUnit' | 'targetValue';

export const TASK_COLUMNS: Record<TableColumn, string[]> = {
  ref: ['STT', 'Số TT', 'Số thứ tự', 'TT', 'Mục', 'Mã nhiệm vụ', 'ref', 'no', 'number'],
  criterion: ['Tiêu chí', 'Mã tiêu chí', 'Tiêu chí thành phần', 'Tiêu chí, tiêu chí thành phần', 'criterion'],
  criterionName: ['Tên tiêu chí', 'Nội dung tiêu chí', 'criterionName', 'criterion name'],
  alsoCriteria: ['Tiêu chí liên quan', 'Tiêu chí khác', 'alsoCriteria', 'also criteria'],
  title: [
    'Nhiệm vụ',
    'Tên nhiệm vụ',
    'Nội dung nhiệm vụ',
    'Nội dung',
    'Nhiệm vụ, giải pháp',
    'Nội dung công việc',
    'Nội dung thực hiện',
    'Nội dung nhiệm vụ, giải pháp',
    'Nhiệm vụ cụ thể',
    'Tên nhiệm vụ, đề án',
    'Tên đề án, nhiệm vụ',
    'Nội dung công việc, nhiệm vụ',
    'title',
    'task',
  ],
  description: ['Mô tả', 'Nội dung chi tiết', 'Ghi chú', 'description', 'note'],
  lead: [
    'Chủ trì',
    'Cơ quan chủ trì',
    'Đơn vị chủ trì',
    'Cơ quan, đơn vị chủ trì',
    'Cơ quan chủ trì thực hiện',
    'Cơ quan chủ trì tham mưu',
    'Chủ trì thực hiện',
    'Đơn vị thực hiện',
    'Cơ quan thực hiện',
    'Cơ quan thực hiện Chủ trì',
    'Cơ quan, đơn vị thực hiện',
    'Trách nhiệm thực hiện',
    'Cơ quan thực hiện Cơ quan chủ trì',
    'Phân công thực hiện Chủ trì',
    'lead',
  ],
  supporting: [
    'Phối hợp',
    'Cơ quan phối hợp',
    'Đơn vị phối hợp',
    'Cơ quan, đơn vị phối hợp',
    'Phối hợp thực hiện',
    'Cơ quan phối hợp thực hiện',
    'Cơ quan, đơn vị phối hợp thực hiện',
    'Cơ quan thực hiện Phối hợp',
    'Cơ quan thực hiện Cơ quan phối hợp',
    'Phân công thực hiện Phối hợp',
    'supporting',
  ],
  followUp: ['Theo dõi, đôn đốc', 'Theo dõi', 'Đôn đốc', 'Cơ quan theo dõi', 'followUp', 'follow-up', 'follow up'],
  deadline: [
    'Thời hạn',
    'Thời hạn hoàn thành',
    'Thời gian hoàn thành',
    'Thời gian thực hiện',
    'Thời hạn thực hiện',
    'Thời gian',
    'Tiến độ',
    'Tiến độ thực hiện',
    'Tiến độ hoàn thành',
    'Thời gian trình',
    'Thời gian hoàn thành, trình',
    'Hạn',
    'Hạn hoàn thành',
    'deadline',
    'dueOn',
    'due',
  ],
  recurrence: ['Định kỳ', 'Báo cáo định kỳ', 'Chu kỳ', 'Lặp lại', 'recurrence'],
  expectedOutcome: [
    'Kết quả/Sản phẩm',
    'Kết quả, sản phẩm',
    'Kết quả',
    'Sản phẩm',
    'Sản phẩm đầu ra',
    'Kết quả dự kiến',
    'Sản phẩm/Kết quả',
    'Sản phẩm, kết quả',
    'Kết quả đầu ra',
    'Hình thức sản phẩm',
    'Hình thức văn bản',
    'Dự kiến sản phẩm',
    'Sản phẩm dự kiến',
    'expectedOutcome',
    'expected outcome',
    'outcome',
  ],
  target: [],
  targetName: ['Chỉ tiêu', 'Tên chỉ tiêu', 'target', 'targetName', 'target name'],
  targetUnit: ['Đơn vị tính', 'ĐVT', 'targetUnit', 'target unit', 'unit'],
  targetValue: ['Giá trị chỉ tiêu', 'Mức chỉ tiêu', 'Giá trị', 'targetValue', 'target value', 'value'],
};

/**
 * Columns real plans print that a task does not record: read past, never refused (their cells are
 * not lost from the plan, which stays the document of record).
 */
const PASSED_OVER = [
  'Kinh phí',
  'Kinh phí thực hiện',
  'Dự kiến kinh phí',
  'Nguồn kinh phí',
  'Nguồn vốn',
  'Cấp trình',
  'Cấp ban hành',
  'Cấp có thẩm quyền ban hành',
  'Lãnh đạo phụ trách',
  'Lãnh đạo chỉ đạo',
];
const PASSED_OVER_KEYS = new Set(PASSED_OVER.map(keyOf));
export const isPassedOverColumn = (header: string): boolean => PASSED_OVER_KEYS.has(keyOf(header));

/** Rows above the table: a name in the first cell, its value(s) in the next. */
export type BlockKey = PlanField | 'office' | 'group' | 'document' | 'target';

export const BLOCK_KEYS: Record<BlockKey, string[]> = {
  code: ['Mã kế hoạch', 'Số hiệu kế hoạch', 'code', 'plan code'],
  title: ['Tên kế hoạch', 'Kế hoạch', 'title', 'plan'],
  issuer: ['Cơ quan ban hành', 'Cơ quan giao', 'issuer'],
  directive: ['Văn bản ban hành', 'Số văn bản', 'Văn bản giao', 'directive'],
  from: ['Từ ngày', 'from'],
  to: ['Đến ngày', 'to'],
  assignedOn: ['Ngày giao', 'Ngày giao nhiệm vụ', 'assignedOn', 'assigned on'],
  followUp: ['Theo dõi, đôn đốc', 'Theo dõi', 'Cơ quan theo dõi', 'followUp', 'follow-up'],
  requiresAcceptance: ['Cần nghiệm thu', 'Cần xác nhận hoàn thành', 'requiresAcceptance', 'requires acceptance'],
  targets: [],
  target: ['Chỉ tiêu kế hoạch', 'target'],
  office: ['Đơn vị', 'Cơ quan', 'office'],
  group: ['Nhóm', 'Nhóm đơn vị', 'group'],
  document: ['Văn bản', 'Văn bản chỉ đạo', 'document'],
};

function index<K extends string>(table: Record<K, string[]>): Map<string, K> {
  const map = new Map<string, K>();
  for (const [k, names] of Object.entries(table) as [K, string[]][]) for (const n of names) map.set(keyOf(n), k);
  return map;
}

const TASK_INDEX = index(TASK_COLUMNS);
const BLOCK_INDEX = index(BLOCK_KEYS);

export const taskColumnOf = (header: string): TableColumn | undefined => TASK_INDEX.get(keyOf(header));
export const blockKeyOf = (name: string): BlockKey | undefined => BLOCK_INDEX.get(keyOf(name));

/** The columns a template writes, in order. */
export const TEMPLATE_COLUMNS: TableColumn[] = [
  'ref',
  'criterion',
  'criterionName',
  'alsoCriteria',
  'title',
  'description',
  'lead',
  'supporting',
  'followUp',
  'deadline',
  'recurrence',
  'expectedOutcome',
  'targetName',
  'targetUnit',
  'targetValue',
];
