/** How people read dates, percentages and statuses on the page (DOMAIN.md: dd/MM/yyyy, 97,78 %). */

/** `2027-12-31` → `31/12/2027`. */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}

const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** An instant as the office's clock shows it: `14/06/2023 09:05`. */
export function formatInstant(instant: string | null | undefined): string {
  if (!instant) return '';
  const parts = new Intl.DateTimeFormat('vi-VN', {
    timeZone: TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}

/** The API's `"97.78"` → `97,78 %`; null (nothing to count) → `—`. */
export function formatPercent(percent: string | null | undefined): string {
  if (percent === null || percent === undefined) return '—';
  return `${percent.replace('.', ',')} %`;
}

/** Today's date in Asia/Ho_Chi_Minh, as the API counts days (`YYYY-MM-DD`). */
export function todayLocal(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export const STATUS_LABELS: Record<string, { label: string; color: string }> = {
  OVERDUE: { label: 'Quá hạn', color: 'red' },
  IN_PROGRESS: { label: 'Đang thực hiện', color: 'blue' },
  AWAITING_ACCEPTANCE: { label: 'Chờ xác nhận', color: 'gold' },
  DONE_ON_TIME: { label: 'Hoàn thành đúng hạn', color: 'green' },
  DONE_LATE: { label: 'Hoàn thành quá hạn', color: 'orange' },
  CANCELLED: { label: 'Đã hủy', color: 'default' },
  NO_DEADLINE: { label: 'Chưa có thời hạn', color: 'purple' },
};

export const statusLabel = (status: string): string => STATUS_LABELS[status]?.label ?? status;

const decimal = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** A file's size as people read it: `512 B`, `35 KB`, `1,2 MB` (1 KB = 1024 B, as the 20 MB limit counts). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${decimal.format(bytes / 1024)} KB`;
  return `${decimal.format(bytes / (1024 * 1024))} MB`;
}
