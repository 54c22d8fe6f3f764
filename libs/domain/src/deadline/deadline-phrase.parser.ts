import { addDays, invalid, LocalDate } from '../shared';
import type { RecurrenceEvery } from '../task/task.state';
import { keyOfPhrase, namesADate, readCalendar, readPeriod } from './deadline-periods';

/**
 * What a printed deadline says (DOMAIN.md, Deadlines). The phrase is kept exactly as written.
 * - `date`: one calendar deadline (`dueOn`).
 * - `recurring`: a duty with a cadence (`recurrence`: occurrences until `until`, the plan's end
 *   unless the phrase names one); "Thường xuyên" with no cadence is one item due at `dueOn`.
 * - `openEnded`: a first milestone (`dueOn`) "và các năm tiếp theo": then yearly to the plan's end.
 * - `conditional`: waits on something outside the plan: no deadline until a leader sets one.
 * Text that names a date the parser cannot pin down is a 400 quoting it: never a guess.
 */
export type DeadlineKind = 'date' | 'recurring' | 'openEnded' | 'conditional';

export interface DeadlineRecurrence {
  every: RecurrenceEvery;
  /** The last day of the series; left out when the plan's end is not known. */
  until?: LocalDate;
  /** The series starts at this date's period, not at the assignment's (openEnded, "từ năm 2027"). */
  from?: LocalDate;
  /** For a yearly duty: the day of each year it is due (`06-30` for "Tháng 6 hằng năm"). */
  on?: string;
  /**
   * For a yearly duty due the day before a date (`03-01` for "Trước ngày 01/3 hằng năm"): the
   * day is found in each year, 28 or 29 February. Never together with `on`.
   */
  before?: string;
}

export interface DeadlineReading {
  phrase: string;
  kind: DeadlineKind;
  dueOn?: LocalDate;
  recurrence?: DeadlineRecurrence;
  /** The phrase gives when the work starts, not when it is due ("Từ tháng 3/2026"). */
  startsOn?: LocalDate;
  /** How it was read, in words, for the official checking a preview. */
  note: string;
}

/** What the caller knows of the plan: years left out of a phrase, and the end of ongoing duties. */
export interface DeadlineContext {
  assignedOn?: LocalDate;
  planEnd?: LocalDate;
  /**
   * For a task of a plan: the day the plan's directive was signed, or the plan's start when it has
   * none. "Kể từ ngày ký" counts from it (from the assignment when it is not given).
   */
  signedOn?: LocalDate;
}

export const DEADLINE_PHRASE_UNREADABLE = 'DEADLINE_PHRASE_UNREADABLE';

// "Theo quý" is a cadence, not a deferral: cadences are read before conditions.
const CADENCES: { re: RegExp; every: RecurrenceEvery | null; words: string }[] = [
  {
    re: /\b(?:dinh ky |bao cao )?(?:hang|moi|theo) tuan\b|\bhang ngay\b/,
    every: null,
    words: 'weekly or daily (kept in the phrase; one item)',
  },
  { re: /\b(?:dinh ky )?(?:hang|moi|theo) thang\b|\bdinh ky thang\b|\bhang thang\b/, every: 'month', words: 'monthly' },
  { re: /\b(?:dinh ky )?(?:hang|moi|theo) quy\b|\bdinh ky quy\b|\bquy mot lan\b/, every: 'quarter', words: 'quarterly' },
  {
    re: /\b(?:dinh ky|hang|moi|bao cao)\s+(?:6|sau) thang\b(?! (?:dau|cuoi))|\b(?:6|sau) thang (?:mot|1) lan\b|\bhang nua nam\b|\bnua nam mot lan\b/,
    every: 'halfYear',
    words: 'every six months',
  },
  { re: /\b(?:dinh ky )?(?:hang|moi|theo) nam\b|\bdinh ky nam\b|\bnam mot lan\b/, every: 'year', words: 'yearly' },
];
const ONGOING = /\b(?:thuong xuyen|lien tuc|dinh ky|hang ky|thuong ky)\b/;
const OPEN_ENDED = /^(.*?)\s*,?\s*(?:va|&)\s*(?:cac|nhung)\s+nam\s+(?:tiep theo|sau|ke tiep|tiep sau)(?:\s.*)?$/;
const CONDITIONAL =
  /^(?:theo|sau khi|ngay sau khi|sau|khi|khi co|tuy theo|tuy thuoc|tuy tinh hinh|phu thuoc|can cu|cho(?! den)|chua xac dinh|chua co|duoc xac dinh|ngay khi|kip thoi|thuc hien theo|trien khai theo|thuc hien sau khi|trien khai sau khi)\b/;
const BLANK = /^(?:|-+|x|\.+|\/|khong|khong co)$/;

// A plan repeats a handful of wordings over thousands of rows: each reading is kept (it depends on
// the phrase and the plan's dates only), up to a bound.
const READINGS = new Map<string, Readonly<DeadlineReading>>();
const MAX_READINGS = 5000;

/** Reads a printed deadline; throws 400 DEADLINE_PHRASE_UNREADABLE quoting it when it names a date that cannot be pinned down. */
export function parseDeadlinePhrase(phrase: string, field = 'deadlinePhrase', context: DeadlineContext = {}): DeadlineReading {
  if (typeof phrase !== 'string') return readPhrase(phrase, field, context);
  const key = `${phrase}\u0000${context.assignedOn ?? ''}\u0000${context.planEnd ?? ''}\u0000${context.signedOn ?? ''}`;
  const known = READINGS.get(key);
  if (known) return known;
  const read = readPhrase(phrase, field, context);
  if (read.recurrence) Object.freeze(read.recurrence);
  const reading = Object.freeze(read);
  if (READINGS.size >= MAX_READINGS) READINGS.clear();
  READINGS.set(key, reading);
  return reading;
}

function readPhrase(phrase: string, field: string, context: DeadlineContext): DeadlineReading {
  const unreadable = (why?: string) =>
    invalid(DEADLINE_PHRASE_UNREADABLE, `cannot read the deadline "${phrase}"${why ? `: ${why}` : ''}`, field);
  if (typeof phrase !== 'string') throw unreadable();
  const text = keyOfPhrase(phrase);
  const planYear = planYearOf(context);
  const planEnd = context.planEnd;
  const reading = (r: Omit<DeadlineReading, 'phrase'>): DeadlineReading => ({ phrase, ...r });

  if (BLANK.test(text)) return reading({ kind: 'conditional', note: 'no deadline printed: none until a leader sets one' });

  // "Năm 2027 và các năm tiếp theo": the first milestone, then each year to the plan's end.
  const open = OPEN_ENDED.exec(text);
  if (open) {
    const head = open[1].replace(/^(?:bat dau tu|bat dau|tu(?! nay))\s+/, '');
    const first = readCalendar(head, planYear);
    if (!first) throw unreadable('the first year is not clear');
    const until = planEnd && planEnd > first.dueOn ? planEnd : undefined;
    return reading({
      kind: 'openEnded',
      dueOn: first.dueOn,
      recurrence: { every: 'year', from: first.dueOn, on: first.dueOn.slice(5), ...(until ? { until } : {}) },
      note: `first due ${first.dueOn}, then every year on ${first.dueOn.slice(8)}/${first.dueOn.slice(5, 7)}${until ? ` until ${until} (the plan's end)` : ' until the plan ends'}`,
    });
  }

  const cadence = CADENCES.map((c) => ({ ...c, m: c.re.exec(text) })).filter((c) => c.m);
  if (cadence.length > 0 || ONGOING.test(text)) return recurring(text, cadence, context, reading, unreadable);

  if (CONDITIONAL.test(text) && !readCalendar(text, planYear)) {
    // "Khi có yêu cầu, chậm nhất 31/12/2026": the condition comes with a date by which it is due.
    const by = namesADate(text) ? dateAfterCondition(text, planYear) : null;
    if (by)
      return reading({
        kind: 'date',
        dueOn: by.dueOn,
        note: `due ${by.dueOn}: the date given after the condition${by.how === 'before' ? ' (the day before it)' : ''}`,
      });
    // "Sau ngày 30/6/2024": a date the work comes after, not one it is due by.
    const after = /^sau (?:ngay )?(.+)$/.exec(text);
    if (after && readCalendar(after[1], planYear)) throw unreadable('it gives a date the work comes after, not the date it is due');
    return reading({ kind: 'conditional', note: 'depends on something outside the plan: no deadline until a leader sets one' });
  }

  // "Trong (thời hạn) 15 ngày kể từ ngày ký": counted from the signing of the plan's directive.
  const relative =
    /^(?:trong (?:(?:vong|thoi han|thoi gian) )?)?(\d{1,3}) ngay( lam viec)? (?:ke tu|tinh tu|sau) ngay (?:ky|ban hanh|ky ban hanh)(?: (?:ke hoach|quyet dinh|van ban|chi thi))?(?: nay)?$/.exec(
      text,
    );
  // "Chậm nhất là 15 ngày kể từ ngày quy hoạch được phê duyệt": counted from an event outside the plan.
  if (
    !relative &&
    /^(?:trong (?:(?:vong|thoi han|thoi gian) )?|cham nhat(?: la)? |khong (?:duoc )?qua |sau )?\d{1,3} (?:ngay|thang|nam)(?: lam viec)? (?:ke tu|tinh tu|sau khi|sau) /.test(
      text,
    )
  ) {
    return reading({
      kind: 'conditional',
      note: 'counts from an event outside the plan: no deadline until it happens and a leader sets one',
    });
  }
  if (relative) {
    if (relative[2]) throw unreadable('working days depend on the holidays of that year; give the date');
    const signed = context.signedOn ?? context.assignedOn;
    if (!signed) throw unreadable('it counts from the signing, and the day of the signing is not known');
    const dueOn = addDays(signed, Number(relative[1]));
    const which = context.signedOn ? `the plan's signing, ${signed}` : `the assignment, ${signed}`;
    return reading({ kind: 'date', dueOn, note: `due ${dueOn}: ${relative[1]} days from the signing (${which})` });
  }

  const calendar = readCalendar(text, planYear);
  if (calendar) {
    const how = {
      day: 'the day written',
      period: 'the end of the period',
      before: 'the day before the date, or the end of the period before',
      range: 'the end of the last period of the range',
      list: 'the last of the periods named',
    }[calendar.how];
    return reading({
      kind: 'date',
      dueOn: calendar.dueOn,
      note: `due ${calendar.dueOn}: ${how}${calendar.planYear ? ", in the plan's year" : ''}`,
    });
  }

  // "Từ tháng 3/2026", "Bắt đầu từ năm 2026": when the work starts; it goes on to the plan's end.
  const start = /^(?:bat dau |thuc hien |trien khai )?(?:tu|bat dau)\s+(.+?)(?:\s+(?:tro di|tro ve sau))?$/.exec(text);
  if (start) {
    const from = readCalendar(start[1], planYear);
    if (from) {
      const startsOn = (readPeriod(start[1]) ?? readPeriod(start[1], planYear))?.start ?? from.dueOn;
      if (!planEnd) throw unreadable("it gives a start, and the plan's end (the deadline of ongoing work) is not known");
      return reading({
        kind: 'recurring',
        dueOn: planEnd,
        startsOn,
        note: `a start date, not a deadline: ongoing from ${startsOn}, one item due at the plan's end ${planEnd}`,
      });
    }
  }
  if (CONDITIONAL.test(text))
    return reading({ kind: 'conditional', note: 'depends on something outside the plan: no deadline until a leader sets one' });
  if (namesADate(text)) throw unreadable();
  return reading({ kind: 'conditional', note: 'names no date: no deadline until a leader sets one' });
}

/** The date after "chậm nhất", "trước" or "đến" in a conditional phrase, when what follows is one. */
function dateAfterCondition(text: string, planYear: number | undefined): ReturnType<typeof readCalendar> {
  const re = /\b(?:cham nhat|truoc|den)\b/g;
  for (let m; (m = re.exec(text));) {
    const by = readCalendar(text.slice(m.index), planYear);
    if (by) return by;
  }
  return null;
}

function planYearOf(context: DeadlineContext): number | undefined {
  const { assignedOn, planEnd } = context;
  if (!assignedOn || !planEnd || assignedOn.slice(0, 4) !== planEnd.slice(0, 4)) return undefined;
  return Number(planEnd.slice(0, 4));
}

type Reading = (r: Omit<DeadlineReading, 'phrase'>) => DeadlineReading;

/**
 * "Hằng quý", "Thường xuyên, định kỳ 6 tháng báo cáo", "Tháng 6 hằng năm", "Hằng năm đến năm 2030",
 * "Thường xuyên trong năm 2024" (no cadence: one item at its end), "Thường xuyên" (at the plan's end).
 * Several cadences ("định kỳ 6 tháng, hằng năm"): the shortest, since it also covers the longer.
 */
function recurring(
  text: string,
  cadences: { every: RecurrenceEvery | null; words: string; m: RegExpExecArray | null }[],
  context: DeadlineContext,
  reading: Reading,
  unreadable: (why?: string) => Error,
): DeadlineReading {
  const order: (RecurrenceEvery | null)[] = ['month', 'quarter', 'halfYear', 'year', null];
  const chosen = cadences.filter((c) => c.every !== null).sort((a, b) => order.indexOf(a.every) - order.indexOf(b.every))[0];
  // What is left once the cadence words are out: an end ("đến hết năm 2026") or a day of the year.
  let rest = text;
  for (const c of cadences) rest = rest.replace(c.m![0], ' ');
  rest = rest
    .replace(/\([^)]*\)/g, (p) => (namesADate(p) ? p.slice(1, -1) : ' '))
    .replace(
      /\b(?:thuong xuyen|lien tuc|dinh ky|hang ky|thuong ky|bao cao|ket qua|thuc hien|tong hop|so ket|tong ket|gui|va|vao|cua|ve)\b/g,
      ' ',
    )
    // An hour of each day ("trước 14h hàng ngày") is kept in the phrase, not a date.
    .replace(/\b(?:truoc |sau |luc |vao )?\d{1,2}\s?(?:h|gio)(?:\s?\d{2})?\b/g, ' ')
    // The rest of a list of cadences ("hằng tháng, quý", "hàng quý, 6 tháng và hàng năm").
    .replace(/\b(?:(?:3|6|sau|ba) thang(?! (?:dau|cuoi))|(?:quy|thang|nam)(?!\s*(?:[ivx]+\b|\d)))\b/g, ' ')
    .replace(/[,;:.]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const planYear = planYearOf(context);
  // "Hằng năm từ năm 2026": the series starts there (and ends at the plan's end unless "đến …" follows).
  let from: LocalDate | undefined;
  const since = /^(?:bat dau )?tu\s+(?!nay\b)(.+)$/.exec(rest);
  if (since) {
    const cut = /\s+(?:den|toi)\s+/.exec(since[1]);
    const head = cut ? since[1].slice(0, cut.index) : since[1];
    const start = readPeriod(head) ?? (planYear !== undefined ? readPeriod(head, planYear) : null);
    if (!start) throw unreadable('the start of the series is not clear');
    from = start.start;
    rest = cut ? `den ${since[1].slice(cut.index + cut[0].length)}` : '';
  }
  let until: LocalDate | undefined;
  let on: string | undefined;
  let before: string | undefined;
  if (namesADate(rest)) {
    const yearly = chosen?.every === 'year' ? dayOfYear(rest) : null;
    if (yearly) ({ on, before } = yearly);
    else {
      const end = readCalendar(rest, planYear) ?? readCalendar(rest.replace(/^.*?\b(den|trong|truoc|het|giai doan|nam)\b/, '$1'), planYear);
      if (!end) throw unreadable();
      until = end.dueOn;
    }
  }
  const planEnd = context.planEnd;
  if (!chosen) {
    const dueOn = until ?? planEnd;
    const weekly = cadences.some((c) => c.every === null) ? ' (its weekly or daily rhythm is kept in the phrase)' : '';
    const starts = from ? { startsOn: from } : {};
    const since = from ? `, from ${from}` : '';
    if (!dueOn)
      return reading({ kind: 'recurring', ...starts, note: `ongoing${since}, no cadence: one item due at the plan's end${weekly}` });
    return reading({
      kind: 'recurring',
      dueOn,
      ...starts,
      note: `ongoing${since}, no cadence: one item due ${dueOn}${until ? '' : " (the plan's end)"}${weekly}`,
    });
  }
  const end = until ?? planEnd;
  if (from && end && from > end) throw unreadable('the series starts after it ends');
  const recurrence = {
    every: chosen.every!,
    ...(end ? { until: end } : {}),
    ...(from ? { from } : {}),
    ...(on ? { on } : {}),
    ...(before ? { before } : {}),
  };
  const day = on
    ? `, due ${on.slice(3)}/${on.slice(0, 2)} each year`
    : before
      ? `, due the day before ${before.slice(3)}/${before.slice(0, 2)} each year`
      : ', each occurrence due at the end of its period';
  return reading({
    kind: 'recurring',
    ...(end ? { dueOn: end } : {}),
    recurrence,
    note: `${chosen.words}${from ? ` from ${from}` : ''}${day}, ${end ? `until ${end}${until ? '' : " (the plan's end)"}` : "until the plan's end"}`,
  });
}

/**
 * "tháng 6", "quý I", "ngày 15/12" → the day of each year (`on`: "06-30", "03-31", "12-15");
 * "trước ngày 15/12", "trước tháng 3" → the day it is due before (`before`: "12-15", "03-01"), since
 * the day before 1 March depends on the year.
 */
function dayOfYear(text: string): { on?: string; before?: string } | null {
  const t = text.replace(/^(?:trong|vao|han|den|truoc|cham nhat(?: la| vao)?)\s+(?=(?:thang|quy|qui|ngay|\d))/, (w) =>
    w.startsWith('truoc') ? 'truoc ' : '',
  );
  const before = t.startsWith('truoc ');
  const body = t.replace(/^truoc\s+/, '').replace(/^ngay\s+/, '');
  if (/\d{4}/.test(body)) return null; // a year: the end of the series, not a day of each year
  const p = readPeriod(body, 2001); // a year without 29 February: "ngày 29/02 hằng năm" is not pinned down
  if (!p) return null;
  return before ? { before: p.start.slice(5) } : { on: p.end.slice(5) };
}
