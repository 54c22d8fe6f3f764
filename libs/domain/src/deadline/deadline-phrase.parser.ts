import { addDays, invalid, LocalDate } from '../shared';
import type { RecurrenceEvery } from '../task/task.state';
import { keyOfPhrase, namesADate, readCalendar, readPeriod } from './deadline-periods';
import { CADENCES, planYearOf, recurring } from './deadline-recurrence';

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
