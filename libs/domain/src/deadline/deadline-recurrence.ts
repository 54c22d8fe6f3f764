import type { LocalDate } from '../shared';
import type { RecurrenceEvery } from '../task/task.state';
import { namesADate, readCalendar, readPeriod } from './deadline-periods';
import type { DeadlineContext, DeadlineReading } from './deadline-phrase.parser';

// "Theo quý" is a cadence, not a deferral: cadences are read before conditions.
export const CADENCES: { re: RegExp; every: RecurrenceEvery | null; words: string }[] = [
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
export function planYearOf(context: DeadlineContext): number | undefined {
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
export function recurring(
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
