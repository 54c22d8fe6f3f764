import { addDays, isLocalDate, lastDayOfMonth, LocalDate } from '../shared';

/**
 * The calendar part of a deadline: one period (a day, month, quarter, half or year), a range of
 * periods or a list of them, as plans print them. Works on the ASCII key of the phrase
 * (`keyOfPhrase`): "Quí II-2026" and "Quy II/2026" read alike.
 */
export interface Period {
  /** First and last day of the period. */
  start: LocalDate;
  end: LocalDate;
}

/** Lower case, no diacritics, đ → d, one kind of dash, single spaces, no trailing punctuation. */
export function keyOfPhrase(phrase: string): string {
  return phrase
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[“”"']/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s.;,:!]+$/, '')
    .trim();
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4, '01': 1, '02': 2, '03': 3, '04': 4 };
const QUARTER = '(?:quy|qui)\\s*(iv|iii|ii|i|0?[1-4])';
// Between a period and its year: "năm", "/", "-", or a space.
const SEP = '\\s*(?:nam|/|-|,)?\\s*';
const YEAR = '(\\d{4})';

const RE: { name: string; re: RegExp }[] = [
  { name: 'iso', re: /^(\d{4})-(\d{2})-(\d{2})$/ },
  { name: 'day', re: new RegExp(`^(?:ngay\\s*)?(\\d{1,2})\\s*[/.-]\\s*(\\d{1,2})\\s*[/.-]\\s*${YEAR}$`) },
  { name: 'day', re: new RegExp(`^(?:ngay\\s*)?(\\d{1,2}) thang (\\d{1,2})(?: nam |\\s*/\\s*)${YEAR}$`) },
  { name: 'dayNoYear', re: /^(?:ngay\s*)?(\d{1,2})\s*[/.-]\s*(\d{1,2})$/ },
  { name: 'dayNoYear', re: /^ngay (\d{1,2}) thang (\d{1,2})$/ },
  { name: 'quarter', re: new RegExp(`^${QUARTER}${SEP}${YEAR}$`) },
  { name: 'quarterNoYear', re: new RegExp(`^${QUARTER}$`) },
  { name: 'month', re: new RegExp(`^thang\\s*(\\d{1,2})${SEP}${YEAR}$`) },
  { name: 'month', re: new RegExp(`^t(\\d{1,2})\\s*/\\s*${YEAR}$`) },
  { name: 'month', re: new RegExp(`^(\\d{1,2})\\s*/\\s*${YEAR}$`) },
  { name: 'monthNoYear', re: /^thang\s*(\d{1,2})$/ },
  { name: 'half', re: new RegExp(`^(?:6|sau) thang (dau|cuoi)(?: nam)?${SEP}${YEAR}$`) },
  { name: 'half', re: new RegExp(`^nua (dau|cuoi) nam${SEP}${YEAR}$`) },
  { name: 'halfNoYear', re: /^(?:6|sau) thang (dau|cuoi)(?: nam)?$/ },
  // "9 tháng năm 2025", "9 tháng đầu năm 2025": the first N months.
  { name: 'firstMonths', re: new RegExp(`^(\\d{1,2}) thang(?: dau)?(?: nam)?${SEP}${YEAR}$`) },
  { name: 'firstMonthsNoYear', re: /^(\d{1,2}) thang dau nam$/ },
  // "3 tháng cuối năm 2024", "2 tháng cuối năm": the last N months, due at the end of the year.
  { name: 'lastMonths', re: new RegExp(`^(\\d{1,2}) thang cuoi nam${SEP}${YEAR}$`) },
  { name: 'lastMonthsNoYear', re: /^(\d{1,2}) thang cuoi nam$/ },
  // "Năm học 2025-2026": the school year ends by 31 May of its second year (the ministry's yearly frame).
  { name: 'schoolYear', re: /^nam hoc (\d{4})\s*-\s*(\d{4})$/ },
  { name: 'year', re: new RegExp(`^(?:nam\\s*)?${YEAR}$`) },
  { name: 'yearEnd', re: new RegExp(`^(?:(?:nhung|cac) thang )?cuoi nam${SEP}${YEAR}$`) },
  { name: 'yearEndNoYear', re: /^(?:(?:nhung|cac) thang )?cuoi nam$/ },
];

/** A four-digit number outside this range is a typo, not a deadline. */
export const plausibleYear = (year: number): boolean => year >= 1900 && year <= 2199;

function monthPeriod(year: number, first: number, last: number): Period | null {
  if (!plausibleYear(year) || first < 1 || last > 12 || first > last) return null;
  return { start: `${year}-${String(first).padStart(2, '0')}-01`, end: lastDayOfMonth(year, last) };
}

function dayPeriod(year: number, month: number, day: number): Period | null {
  if (!plausibleYear(year)) return null;
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isLocalDate(date) ? { start: date, end: date } : null;
}

/** One period; `year` fills in one the text leaves out (a range's other end, or the plan's year). */
export function readPeriod(text: string, year?: number): Period | null {
  for (const { name, re } of RE) {
    const m = re.exec(text);
    if (!m) continue;
    switch (name) {
      case 'iso':
        return isLocalDate(text) && plausibleYear(Number(m[1])) ? { start: text, end: text } : null;
      case 'day':
        return dayPeriod(Number(m[3]), Number(m[2]), Number(m[1]));
      case 'dayNoYear':
        return year === undefined ? null : dayPeriod(year, Number(m[2]), Number(m[1]));
      case 'quarter':
      case 'quarterNoYear': {
        const y = name === 'quarter' ? Number(m[2]) : year;
        const q = ROMAN[m[1]];
        return y === undefined || !q ? null : monthPeriod(y, q * 3 - 2, q * 3);
      }
      case 'month':
      case 'monthNoYear': {
        const y = name === 'month' ? Number(m[2]) : year;
        const mo = Number(m[1]);
        return y === undefined ? null : monthPeriod(y, mo, mo);
      }
      case 'half':
      case 'halfNoYear': {
        const y = name === 'half' ? Number(m[2]) : year;
        if (y === undefined) return null;
        return m[1] === 'dau' ? monthPeriod(y, 1, 6) : monthPeriod(y, 7, 12);
      }
      case 'firstMonths':
      case 'firstMonthsNoYear': {
        const y = name === 'firstMonths' ? Number(m[2]) : year;
        return y === undefined ? null : monthPeriod(y, 1, Number(m[1]));
      }
      case 'lastMonths':
      case 'lastMonthsNoYear': {
        const y = name === 'lastMonths' ? Number(m[2]) : year;
        const n = Number(m[1]);
        return y === undefined || n < 1 || n > 12 ? null : monthPeriod(y, 13 - n, 12);
      }
      case 'schoolYear': {
        const [first, second] = [Number(m[1]), Number(m[2])];
        if (second !== first + 1 || !plausibleYear(first)) return null;
        return { start: `${first}-09-01`, end: `${second}-05-31` };
      }
      case 'year':
        return monthPeriod(Number(m[1]), 1, 12);
      case 'yearEnd':
        return monthPeriod(Number(m[1]), 12, 12);
      case 'yearEndNoYear':
        return year === undefined ? null : monthPeriod(year, 12, 12);
    }
  }
  return null;
}

// Words before the period that do not change its reading ("Hoàn thành trong Quý II/2026").
// "Khoảng" (about) qualifies the date, it does not move it ("khoảng từ ngày 8 đến 12/7/2019").
const FILLER =
  /^(?:hoan thanh|xong|khoang|vao khoang|thuc hien|trien khai|du kien|thoi gian|thoi han|han|trong thoi gian|trong vong|trong|vao|dip|den|toi|den het|het|cho den|cham nhat la|cham nhat vao|cham nhat|tu nay den|truoc hoac trong|tam nhin|dinh huong|phan dau)\s+/;

export interface PeriodReading {
  dueOn: LocalDate;
  /** How it was read, for the note. */
  how: 'day' | 'period' | 'before' | 'range' | 'list';
  /** The year came from the plan, not the text. */
  planYear: boolean;
}

/**
 * A calendar deadline: "Quý III/2026", "trước ngày 15/01/2024" (the day before), "trước Quý II"
 * (the end of the period before), "2027-2031" and "Quý III/2026 - Quý I/2027" (the end of the
 * last), "Quý II và Quý IV/2026" (the last of several). Null when the text is not one.
 */
export function readCalendar(text: string, planYear?: number): PeriodReading | null {
  // A note in brackets is left out; one that names a date ("Năm 2026 (trước 15/12)") is the
  // deadline within the period outside it, in that period's year.
  // "(80 ngày trước ngày bầu cử)" after a date says how the date was counted: it names no other date.
  const dated = [...text.matchAll(/\(([^)]*)\)/g)]
    .map((m) => m[1].trim())
    .filter((b) => namesADate(b) && !/^\d{1,3} (?:ngay|thang)(?: lam viec)? (?:truoc|sau|ke tu)\b/.test(b));
  const outside = text.replace(/\s*\([^)]*\)\s*/g, ' ').trim();
  if (dated.length === 0) return readBare(outside, planYear);
  const period = readBare(outside, planYear);
  if (!period || dated.length > 1) return null;
  const inner = readBare(dated[0].replace(/^(?:(?:bao cao|gui|nop|trinh|hoan thanh)\s+)+/, ''), Number(period.dueOn.slice(0, 4)));
  return inner && { ...inner, planYear: period.planYear };
}

function readBare(text: string, planYear?: number): PeriodReading | null {
  let t = text;
  // "trước 14h ngày 03/5/2021": an hour on that day, due that day (the hour stays in the phrase).
  const hour = /^(?:truoc|cham nhat(?: la)?(?: truoc)?)\s+\d{1,2}\s?(?:h|gio)(?:\s?\d{2})?\s+(ngay\s.+)$/.exec(t);
  if (hour) t = hour[1];
  let before = false;
  for (let changed = true; changed;) {
    changed = false;
    const m = FILLER.exec(t);
    if (m) {
      t = t.slice(m[0].length);
      changed = true;
    }
    const b = /^(?:truoc|cham nhat truoc|truoc ngay|cham nhat truoc ngay)\s+/.exec(t);
    if (b) {
      before = true;
      t = t.slice(b[0].length).replace(/^ngay\s+/, '');
      changed = true;
    }
  }
  if (/^ngay\s*$/.test(t) || t === '') return null;
  const single = readPeriod(t) ?? (planYear !== undefined ? readPeriod(t, planYear) : null);
  if (single) {
    const usedPlanYear = readPeriod(t) === null;
    return {
      dueOn: before ? addDays(single.start, -1) : single.end,
      how: before ? 'before' : single.start === single.end ? 'day' : 'period',
      planYear: usedPlanYear,
    };
  }
  if (before) return null;
  const range = readRange(t, planYear);
  if (range) return range;
  return readList(t, planYear) ?? readAfterEvent(t, planYear);
}

/**
 * "Từ sau hội nghị do Bộ Tư pháp tổ chức đến trước ngày 20/7/2019": the work starts after an
 * event and is due by a date; the deadline is that date (the day before it, for "trước"). A start
 * that names a date is a range (`readRange`), never this.
 */
function readAfterEvent(text: string, planYear?: number): PeriodReading | null {
  const m = /^tu (?:sau |khi )(.+?) (?:den|toi) (.+)$/.exec(text);
  if (!m || namesADate(m[1])) return null;
  return readBare(m[2], planYear);
}

/** "2027-2031", "Năm 2026 - 2027", "Giai đoạn 2026-2030", "từ Quý III/2026 đến Quý I/2027", "Tháng 6-7/2026". */
function readRange(text: string, planYear?: number): PeriodReading | null {
  const t = text.replace(/^(?:giai doan|thoi ky|tu|trong giai doan|ca giai doan|cac nam|trong cac nam)\s+/, '');
  const cuts: number[][] = [];
  const re = /\s*(?:-|den|toi|~)\s*/g;
  for (let m; (m = re.exec(t));) cuts.push([m.index, m.index + m[0].length]);
  for (const [a, b] of cuts) {
    // "Từ sau ngày 15/7 đến 20/7/2019": the start is after that day; the end is the deadline.
    const left = t
      .slice(0, a)
      .replace(/^tu\s+/, '')
      .replace(/^sau\s+(?=ngay\b|\d)/, '');
    const right = t.slice(b).replace(/^(?:het|het ngay|ngay)\s+/, '');
    if (!left || !right) continue;
    const end = readPeriod(right) ?? (planYear !== undefined ? readPeriod(right, planYear) : null);
    if (!end) continue;
    const endYear = Number(end.end.slice(0, 4));
    // "07 - 09/7/2021": a day with the month and year of the other end.
    const bareDay = /^(?:ngay\s*)?(\d{1,2})$/.exec(left);
    const start =
      bareDay && end.start === end.end
        ? readPeriod(`${bareDay[1]}/${end.end.slice(5, 7)}/${endYear}`)
        : (readPeriod(left) ?? readPeriod(left, endYear) ?? readPeriod(`${kindOf(right)} ${left}`, endYear));
    if (!start || start.start > end.end) continue;
    return { dueOn: end.end, how: 'range', planYear: readPeriod(right) === null };
  }
  return null;
}

/** "Quý I, II/2026" → the kind word of the right end ("quy") for a bare left end ("i"). */
function kindOf(text: string): string {
  return /^(quy|qui|thang|nam)\b/.exec(text)?.[1] ?? '';
}

/** Several periods of which the task must meet the last: "Quý II và Quý IV/2026", "Năm 2026, 2027". */
function readList(text: string, planYear?: number): PeriodReading | null {
  const parts = text.split(/\s*(?:,|;|\bva\b|&)\s*/).filter((p) => p !== '');
  if (parts.length < 2) return null;
  // "Quý I, II/2026": the kind word is written once, on the first.
  const raw = parts[parts.length - 1];
  const prefixed = kindOf(parts[0]) ? `${kindOf(parts[0])} ${raw}` : raw;
  const candidates = [raw, prefixed];
  const last = candidates.find((c) => readPeriod(c)) ?? candidates.find((c) => planYear !== undefined && readPeriod(c, planYear)) ?? raw;
  const end = readPeriod(last) ?? (planYear !== undefined ? readPeriod(last, planYear) : null);
  if (!end) return null;
  const year = Number(end.end.slice(0, 4));
  let latest = end.end;
  for (const p of parts.slice(0, -1)) {
    const period = readPeriod(p) ?? readPeriod(p, year) ?? readPeriod(`${kindOf(last)} ${p}`, year);
    if (!period) return null;
    if (period.end > latest) latest = period.end;
  }
  return { dueOn: latest, how: 'list', planYear: readPeriod(last) === null };
}

/** Whether the text names a date at all (a year, a day, a month, a quarter): then it must be read. */
export function namesADate(text: string): boolean {
  // "Sớm nhất có thể", "càng sớm càng tốt" name a time too, one nobody can pin down.
  return /\d|\b(?:quy|qui|thang|ngay|tuan|nam \d|nam sau|nam toi|som nhat|cang som|som)\b/.test(text);
}
