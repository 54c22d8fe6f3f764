import { LocalDate, localDateOf } from '../shared';

/**
 * Numbers and dates as Vietnamese administrative documents print them: `dd/MM/yyyy`, a dot between
 * thousands (1.234), a comma before decimals and a space before the percent sign (`97,78 %`).
 * Written by hand, not with Intl: the output must not depend on the ICU data Node was built with.
 */
export const formatDate = (date: LocalDate): string => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

export function formatCount(n: number): string {
  const digits = String(Math.abs(Math.trunc(n)));
  return (n < 0 ? '-' : '') + digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** "97.78" (a percent from rate(), two decimals) → "97,78 %"; null (nothing due) → "—". */
export function formatPercent(percent: string | null): string {
  if (percent === null) return '—';
  const [int, frac] = percent.split('.');
  return `${formatCount(Number(int))}${frac !== undefined ? `,${frac}` : ''} %`;
}

/** An instant as "07:00 ngày 01/04/2024" in Asia/Ho_Chi_Minh. */
export function formatLocalTime(instant: Date): string {
  const local = new Date(instant.getTime() + 7 * 60 * 60 * 1000).toISOString();
  return `${local.slice(11, 16)} ngày ${formatDate(localDateOf(instant))}`;
}
