import { DigestContent, DigestLine } from './digest-content';
import { formatCount, formatDate } from './digest-format';
import { weekLabel } from './iso-week';

/** The words a digest uses, shared by the HTML and the text renderers. */
export const LABELS = {
  heading: 'Bản tin đôn đốc nhiệm vụ',
  to: 'Kính gửi',
  asOf: 'Số liệu tính đến',
  summary: 'Tóm tắt',
  overdue: 'Nhiệm vụ quá hạn',
  dueThisWeek: 'Đến hạn trong tuần này',
  none: 'Không có nhiệm vụ nào.',
  plan: 'Kế hoạch',
  directive: 'Văn bản',
  deadline: 'Thời hạn',
  criterion: 'Tiêu chí',
  status: 'Tình trạng',
  task: 'Nhiệm vụ',
  rollup: 'Tình hình các đơn vị trực thuộc',
  rollupNote: 'Đơn vị có nhiều nhiệm vụ quá hạn nhất, tỷ lệ đúng hạn thấp nhất xếp trước; số liệu gồm cả các đơn vị cấp dưới.',
  office: 'Đơn vị',
  due: 'Đã đến hạn',
  onTime: 'Hoàn thành đúng hạn',
  onTimeRate: 'Tỷ lệ đúng hạn',
  footer:
    'Bản tin do hệ thống Dondoc gửi tự động vào sáng thứ Hai hằng tuần. Nhiệm vụ quá hạn: chưa hoàn thành khi đã hết ngày của thời hạn (giờ Việt Nam); ' +
    'nhiệm vụ đã báo cáo hoàn thành đang chờ xác nhận không được liệt kê.',
} as const;

export const dueSoonLabel = (days: number) => `Sắp đến hạn trong ${days} ngày tới`;

export const summaryLine = (c: DigestContent): string =>
  `${formatCount(c.counts.overdue)} nhiệm vụ quá hạn; ${formatCount(c.counts.dueThisWeek)} nhiệm vụ đến hạn trong tuần này; ` +
  `${formatCount(c.counts.dueSoon)} nhiệm vụ sắp đến hạn trong ${c.dueSoonDays} ngày tới.`;

export const rollupSummary = (c: DigestContent): string | null => {
  const r = c.counts.rollup;
  return r
    ? `Các đơn vị trực thuộc (${formatCount(r.offices)}): ${formatCount(r.overdue)} quá hạn; ${formatCount(r.dueThisWeek)} đến hạn trong tuần; ${formatCount(r.dueSoon)} sắp đến hạn.`
    : null;
};

export const weekRange = (c: DigestContent) => `Tuần ${weekLabel(c.week)} (${formatDate(c.weekFrom)} – ${formatDate(c.weekTo)})`;

export function subjectOf(c: DigestContent): string {
  const own = `${formatCount(c.counts.overdue)} quá hạn, ${formatCount(c.counts.dueThisWeek)} đến hạn trong tuần, ${formatCount(c.counts.dueSoon)} sắp đến hạn`;
  return `[Đôn đốc] Tuần ${weekLabel(c.week)} – ${c.office.name}: ${own}`;
}

const QUARTERS = ['I', 'II', 'III', 'IV'];

/** A recurring task's period as written in reports: "2024-03" → "tháng 03/2024", "2024-Q2" → "quý II/2024". */
export function periodLabel(key: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (month) return `tháng ${month[2]}/${month[1]}`;
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  return quarter ? `quý ${QUARTERS[Number(quarter[2]) - 1]}/${quarter[1]}` : key;
}

export const titleOf = (l: DigestLine) =>
  `${l.occurrence ? `${l.title} (kỳ ${periodLabel(l.occurrence)})` : l.title}${l.remediation ? ` [${REMEDIATION_MARK}]` : ''}`;

/** The mark of a remediation task, and the heading of the inspecting office's section (issue 20). */
export const REMEDIATION_MARK = 'khắc phục sau kiểm tra';
export const REMEDIATION_HEADING = 'Khắc phục sau kiểm tra quá hạn (theo đơn vị được kiểm tra)';

/** "Quá hạn 32 ngày", "Đến hạn hôm nay", "Còn 3 ngày". */
export function statusOf(l: DigestLine): string {
  if (l.daysOverdue > 0) return `Quá hạn ${formatCount(l.daysOverdue)} ngày`;
  if (l.daysLeft === 0) return 'Đến hạn hôm nay';
  return `Còn ${formatCount(l.daysLeft)} ngày`;
}
