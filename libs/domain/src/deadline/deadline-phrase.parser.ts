import { addDays, invalid, isLocalDate, lastDayOfMonth, LocalDate } from '../shared';

/**
 * What a deadline phrase says. The phrase is kept exactly as written (reports and the trail quote it).
 * - `date`: one due date.
 * - `recurring`: "Thường xuyên …": ongoing work until a date; whether it has a reporting cadence
 *   (monthly, quarterly) is not in the phrase, the caller says so.
 * - `none`: the phrase defers to another document ("Theo Kế hoạch CCHC năm 2024"): no date of its own.
 */
export type DeadlinePhrase =
  | { kind: 'date'; dueOn: LocalDate; phrase: string }
  | { kind: 'recurring'; until: LocalDate; phrase: string }
  | { kind: 'none'; phrase: string };

export const DEADLINE_PHRASE_UNREADABLE = 'DEADLINE_PHRASE_UNREADABLE';

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

// "Trước X" means by the end of the period before X; every other lead-in means by the end of X.
const LEAD_IN = '(?:(trước|trong|đến hết|đến|hết|chậm nhất|vào|hạn)\\s+)?';
const YEAR = '(\\d{4})';
const RE_ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const RE_DAY = new RegExp(`^${LEAD_IN}(?:ngày\\s+)?(\\d{1,2})[/.-](\\d{1,2})[/.-]${YEAR}$`);
const RE_QUARTER = new RegExp(`^${LEAD_IN}(?:quý|qúy)\\s+(iv|iii|ii|i|[1-4])\\s+(?:năm\\s+)?${YEAR}$`);
const RE_MONTH = new RegExp(`^${LEAD_IN}tháng\\s+(\\d{1,2})(?:\\s+năm\\s+|\\s*/\\s*|\\s+)${YEAR}$`);
const RE_HALF = new RegExp(`^(?:(trong|đến hết|hết)\\s+)?(?:6|sáu)\\s+tháng\\s+(đầu|cuối)\\s+năm\\s+${YEAR}$`);
const RE_YEAR = new RegExp(`^${LEAD_IN}năm\\s+${YEAR}$`);
const RE_RECURRING = /^thường xuyên\s*,?\s*(.+)$/;
// Deferring to another document is a reading, not a guess: the text itself says it has no date.
const RE_DEFERRED =
  /^theo\s+(kế hoạch|chương trình|quyết định|văn bản|chỉ thị|nghị quyết|công văn|thông báo|kết luận|lộ trình|hướng dẫn|yêu cầu|tiến độ)(\s|$)/;

/**
 * Reads a deadline as Vietnamese plans write it (case-insensitive, diacritics as written).
 * Throws 400 DEADLINE_PHRASE_UNREADABLE quoting the phrase for anything else: never a guess.
 */
export function parseDeadlinePhrase(phrase: string, field = 'deadlinePhrase'): DeadlinePhrase {
  const unreadable = () => invalid(DEADLINE_PHRASE_UNREADABLE, `cannot read the deadline "${phrase}"`, field);
  if (typeof phrase !== 'string') throw unreadable();
  const text = normalise(phrase);
  if (RE_DEFERRED.test(text)) return { kind: 'none', phrase };
  const recurring = RE_RECURRING.exec(text);
  if (recurring) {
    const until = readDate(recurring[1]);
    if (!until) throw unreadable();
    return { kind: 'recurring', until, phrase };
  }
  const dueOn = readDate(text);
  if (!dueOn) throw unreadable();
  return { kind: 'date', dueOn, phrase };
}

function normalise(phrase: string): string {
  return phrase.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The due date a (normalised) phrase names, or null when it names none. */
function readDate(text: string): LocalDate | null {
  let m = RE_ISO.exec(text);
  if (m) return isLocalDate(text) ? text : null;

  if ((m = RE_DAY.exec(text))) {
    const date = ymd(Number(m[4]), Number(m[3]), Number(m[2]));
    if (!date) return null;
    return m[1] === 'trước' ? addDays(date, -1) : date;
  }
  if ((m = RE_QUARTER.exec(text))) {
    const year = Number(m[3]);
    if (!plausibleYear(year)) return null;
    const quarter = ROMAN[m[2]];
    if (m[1] === 'trước') return quarter === 1 ? lastDayOfMonth(year - 1, 12) : lastDayOfMonth(year, (quarter - 1) * 3);
    return lastDayOfMonth(year, quarter * 3);
  }
  if ((m = RE_MONTH.exec(text))) {
    const [month, year] = [Number(m[2]), Number(m[3])];
    if (month < 1 || month > 12 || !plausibleYear(year)) return null;
    if (m[1] === 'trước') return month === 1 ? lastDayOfMonth(year - 1, 12) : lastDayOfMonth(year, month - 1);
    return lastDayOfMonth(year, month);
  }
  if ((m = RE_HALF.exec(text))) {
    const year = Number(m[3]);
    if (!plausibleYear(year)) return null;
    return lastDayOfMonth(year, m[2] === 'đầu' ? 6 : 12);
  }
  if ((m = RE_YEAR.exec(text))) {
    const year = Number(m[2]);
    if (!plausibleYear(year)) return null;
    return lastDayOfMonth(m[1] === 'trước' ? year - 1 : year, 12);
  }
  return null;
}

function ymd(year: number, month: number, day: number): LocalDate | null {
  if (!plausibleYear(year)) return null;
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isLocalDate(date) ? date : null;
}

// A four-digit number outside this range is a typo, not a deadline.
function plausibleYear(year: number): boolean {
  return year >= 1900 && year <= 2199;
}
