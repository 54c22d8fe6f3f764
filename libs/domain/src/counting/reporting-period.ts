import { LocalDate, invalid, isLocalDate, lastDayOfMonth } from '../shared';

/**
 * Reporting periods. Provincial reports close on the 14th: seed 001 covers "từ ngày 15/12/2022
 * đến hết ngày 14/6/2023". The cut-off presets therefore run from the 15th of the month before
 * the period's first calendar month to the 14th of its last month:
 * - month:    15th of the previous month – 14th (asOf 2023-06-20 → 2023-06-15..2023-07-14);
 * - quarter:  15/12–14/3, 15/3–14/6, 15/6–14/9, 15/9–14/12;
 * - 6months:  15/12 (previous year)–14/6, 15/6–14/12;
 * - year:     15/12 (previous year)–14/12.
 * Equivalently: a date on or after the 15th belongs to the next month's report, then the calendar
 * rule applies. The calendar presets (calendarMonth, calendarQuarter, calendarHalf, calendarYear)
 * are plain calendar periods. Every preset yields the period that contains `asOf`; both ends are
 * inclusive local dates (the end runs to 23:59:59.999 +07:00).
 */
export type CutOffPreset = 'month' | 'quarter' | '6months' | 'year';
export type CalendarPreset = 'calendarMonth' | 'calendarQuarter' | 'calendarHalf' | 'calendarYear';
export type PeriodPreset = CutOffPreset | CalendarPreset;
export const PERIOD_PRESETS: readonly PeriodPreset[] = [
  'month',
  'quarter',
  '6months',
  'year',
  'calendarMonth',
  'calendarQuarter',
  'calendarHalf',
  'calendarYear',
];

/** The report's cut-off day: a period ends on this day of the month and the next starts the day after. */
export const CUT_OFF_DAY = 14;

export interface Period {
  from: LocalDate;
  to: LocalDate;
}

const MONTHS_IN: Record<'month' | 'quarter' | 'half' | 'year', number> = { month: 1, quarter: 3, half: 6, year: 12 };
const SPAN: Record<PeriodPreset, keyof typeof MONTHS_IN> = {
  month: 'month',
  quarter: 'quarter',
  '6months': 'half',
  year: 'year',
  calendarMonth: 'month',
  calendarQuarter: 'quarter',
  calendarHalf: 'half',
  calendarYear: 'year',
};

export function isPeriodPreset(value: unknown): value is PeriodPreset {
  return PERIOD_PRESETS.includes(value as PeriodPreset);
}

export function resolvePeriod(preset: string, asOf: LocalDate): Period {
  if (!isPeriodPreset(preset)) {
    throw invalid('INVALID_PERIOD', `period must be one of ${PERIOD_PRESETS.join(', ')}`, 'period');
  }
  if (!isLocalDate(asOf)) throw invalid('INVALID_DATE', `"${asOf}" is not a date (YYYY-MM-DD)`, 'asOf');
  let year = Number(asOf.slice(0, 4));
  let month = Number(asOf.slice(5, 7));
  const day = Number(asOf.slice(8, 10));
  const cutOff = !preset.startsWith('calendar');
  if (cutOff && day > CUT_OFF_DAY) [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];

  const span = MONTHS_IN[SPAN[preset]];
  const firstMonth = Math.floor((month - 1) / span) * span + 1;
  const lastMonth = firstMonth + span - 1;
  if (!cutOff) return { from: ymd(year, firstMonth, 1), to: lastDayOfMonth(year, lastMonth) };
  const [fromYear, fromMonth] = firstMonth === 1 ? [year - 1, 12] : [year, firstMonth - 1];
  return { from: ymd(fromYear, fromMonth, CUT_OFF_DAY + 1), to: ymd(year, lastMonth, CUT_OFF_DAY) };
}

/**
 * The range of a report: either a preset (`period`, resolved around `asOf`) or explicit `from`/`to`,
 * never both. A missing `from` is open (since the beginning); a missing `to` is `asOf`.
 */
export function resolveRange(
  input: { period?: string | null; from?: string | null; to?: string | null },
  asOf: LocalDate,
): { from: LocalDate | null; to: LocalDate } {
  if (input.period) {
    if (input.from || input.to) throw invalid('INVALID_PERIOD', 'give either period or from/to, not both', 'period');
    return resolvePeriod(input.period, asOf);
  }
  const from = input.from ? checkDate(input.from, 'from') : null;
  const to = input.to ? checkDate(input.to, 'to') : checkDate(asOf, 'asOf');
  if (from !== null && from > to) throw invalid('INVALID_PERIOD', `from ${from} is after to ${to}`, 'to');
  return { from, to };
}

export function isInPeriod(date: LocalDate, period: { from: LocalDate | null; to: LocalDate | null }): boolean {
  return (period.from === null || date >= period.from) && (period.to === null || date <= period.to);
}

function checkDate(value: string, field: string): LocalDate {
  if (!isLocalDate(value)) throw invalid('INVALID_DATE', `"${value}" is not a date (YYYY-MM-DD)`, field);
  return value;
}

const ymd = (y: number, m: number, d: number): LocalDate => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
