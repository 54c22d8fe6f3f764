import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../shared';
import { occurrencesOf, Recurrence } from '../task';
import { DeadlineContext, parseDeadlinePhrase } from './deadline-phrase.parser';

interface GoldenPhrase {
  phrase: string;
  dueOn?: string | null;
  recurring?: boolean;
  until?: string;
  error?: string;
}

const golden: GoldenPhrase[] = JSON.parse(
  readFileSync(join(__dirname, '../../../../test/fixtures/golden-rates.json'), 'utf8'),
).deadlinePhrases;

// A plan of several years (2026–2030), assigned in March 2026: years are never filled in for it.
const PLAN: DeadlineContext = { assignedOn: '2026-03-01', planEnd: '2030-12-31' };
// A plan of one year: a phrase that leaves the year out means that year.
const YEAR_PLAN: DeadlineContext = { assignedOn: '2024-01-15', planEnd: '2024-12-31' };

function expectUnreadable(phrase: string, field = 'deadlinePhrase', context: DeadlineContext = PLAN): void {
  let error: unknown;
  try {
    parseDeadlinePhrase(phrase, field, context);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(DomainError);
  expect(error).toMatchObject({ code: 'DEADLINE_PHRASE_UNREADABLE', category: 'validation', field });
  expect((error as Error).message).toContain(`cannot read the deadline "${phrase}"`);
}

describe('parseDeadlinePhrase: golden phrases (DOMAIN.md)', () => {
  it('loads the fixture', () => {
    expect(golden.length).toBeGreaterThanOrEqual(11);
  });

  it.each(golden.map((g) => [g.phrase, g] as const))('%s', (phrase, g) => {
    if (g.error) return expectUnreadable(phrase);
    const result = parseDeadlinePhrase(phrase, 'deadlinePhrase', YEAR_PLAN);
    expect(result.phrase).toBe(phrase);
    if (g.recurring) expect(result).toMatchObject({ kind: 'recurring', dueOn: g.until });
    else if (g.dueOn === null) expect(result).toMatchObject({ kind: 'conditional' });
    else expect(result).toMatchObject({ kind: 'date', dueOn: g.dueOn });
  });
});

describe('parseDeadlinePhrase: calendar deadlines (kind date)', () => {
  it.each([
    // Quarters in every spelling: the last day of the quarter.
    ['Quý III/2027', '2027-09-30', 'a quarter with "/" before the year'],
    ['Quí II-2026', '2026-06-30', '"Quí" is an older spelling of "Quý"; "-" before the year'],
    ['Quý 3/2027', '2027-09-30', 'an Arabic quarter number'],
    ['quý IV năm 2026', '2026-12-31', 'lower case, "năm" before the year'],
    ['QUÝ I NĂM 2027', '2027-03-31', 'upper case'],
    ['Quy II nam 2026', '2026-06-30', 'typed without diacritics, an official still reads it'],
    ['Trong Quý 2 2024', '2024-06-30', '"Trong" (within) is the end of the period'],
    ['Trước Quý I năm 2027', '2026-12-31', '"Trước" a period: by the end of the period before'],
    // Months and halves.
    ['Tháng 6/2026', '2026-06-30', 'a month: its last day'],
    ['trong tháng 02 năm 2024', '2024-02-29', 'February of a leap year'],
    ['trước tháng 3 năm 2024', '2024-02-29', 'before March: the end of February'],
    ['6 tháng đầu năm 2026', '2026-06-30', 'the first half: 30 June'],
    ['6 tháng cuối năm 2026', '2026-12-31', 'the second half: 31 December'],
    ['Cuối năm 2026', '2026-12-31', 'the end of the year'],
    // Years and ranges of years: the end of the last year.
    ['2027', '2027-12-31', 'a bare year'],
    ['Năm 2027', '2027-12-31', 'a year'],
    ['Hoàn thành trong năm 2027', '2027-12-31', '"Hoàn thành trong" is the end of the year'],
    ['Đến năm 2030', '2030-12-31', 'by the year: its end'],
    ['Năm 2026 - 2027', '2027-12-31', 'a range of years: the end of the last'],
    ['2027-2031', '2031-12-31', 'a range without spaces'],
    ['Giai đoạn 2026 – 2030', '2030-12-31', '"Giai đoạn" with an en dash'],
    ['Quý III/2026 - Quý I/2027', '2027-03-31', 'a range of quarters: the end of the last'],
    ['Từ Quý III/2026 đến Quý I/2027', '2027-03-31', 'a range written with "từ … đến"'],
    ['Tháng 6-7/2026', '2026-07-31', 'a range of months sharing one year'],
    // Bộ Tư pháp's 2019 mid-year plan: "khoảng" (about) does not move the date; a start after an event.
    ['khoảng từ ngày 8 đến 12/7/2026', '2026-07-12', '"khoảng" before a range of days: the last day'],
    [
      'Thời gian trong khoảng từ sau hội nghị do Bộ Tư pháp tổ chức đến trước ngày 20/7/2026',
      '2026-07-19',
      'from after an event until before a day: the day before it',
    ],
    ['Từ sau ngày 15/7/2026 đến 20/7/2026', '2026-07-20', 'from after a day until a day: the last day'],
    ['Quý I, II/2026', '2026-06-30', 'a list sharing one year: the last'],
    ['Quý II và Quý IV năm 2026', '2026-12-31', 'two milestones: the task is done at the last'],
    // Days.
    ['trước ngày 15/01/2024', '2024-01-14', '"trước ngày" is the day before'],
    ['Chậm nhất trước ngày 30/6/2026', '2026-06-29', '"chậm nhất trước ngày" is still the day before'],
    ['Chậm nhất ngày 30/6/2026', '2026-06-30', '"chậm nhất ngày" is that day'],
    ['Chậm nhất là ngày 30/6/2026', '2026-06-30', '"chậm nhất là ngày" is that day too (the longer filler is read whole)'],
    ['chậm nhất là 31/12/2026', '2026-12-31', '"chậm nhất là" before a bare day'],
    [
      'chậm nhất là ngày 4 tháng 3 năm 2026 (80 ngày trước ngày bầu cử)',
      '2026-03-04',
      'a note counting days from an event says how the date was found: it names no other date',
    ],
    ['đến hết ngày 15/01/2027', '2027-01-15', '"đến hết ngày" includes the day'],
    ['Ngày 30 tháng 6 năm 2026', '2026-06-30', 'a day written in words'],
    ['31/03/2024', '2024-03-31', 'a bare day'],
    ['2024-03-31', '2024-03-31', 'an ISO date'],
    // Punctuation, spaces, notes in brackets.
    ['  Quý   III/2026. ', '2026-09-30', 'extra spaces and a trailing full stop'],
    ['Quý IV/2026 (báo cáo kết quả)', '2026-12-31', 'a note in brackets is not part of the date'],
    ['Trong năm 2024'.normalize('NFD'), '2024-12-31', 'decomposed Unicode, as some editors save it'],
  ])('%s → %s (%s)', (phrase, dueOn) => {
    const result = parseDeadlinePhrase(phrase, 'deadlinePhrase', PLAN);
    expect(result).toMatchObject({ kind: 'date', dueOn, phrase });
    expect(result.recurrence).toBeUndefined();
  });

  it('counts "trong thời hạn 15 ngày kể từ ngày ký" from the assignment; working days are not pinned down', () => {
    expect(parseDeadlinePhrase('Trong thời hạn 15 ngày kể từ ngày ký', 'd', PLAN)).toMatchObject({ kind: 'date', dueOn: '2026-03-16' });
    expectUnreadable('Trong thời hạn 15 ngày làm việc kể từ ngày ký', 'd', PLAN);
    expectUnreadable('Trong thời hạn 15 ngày kể từ ngày ký', 'd', {});
  });

  it('fills in the plan\'s year only for a plan within one year ("Quý II" in a 2024 plan)', () => {
    expect(parseDeadlinePhrase('Quý II', 'd', YEAR_PLAN)).toMatchObject({ kind: 'date', dueOn: '2024-06-30' });
    expect(parseDeadlinePhrase('Quý II', 'd', YEAR_PLAN).note).toContain("plan's year");
    expectUnreadable('Quý II', 'd', PLAN);
    expectUnreadable('Quý II', 'd', {});
  });
});

describe('parseDeadlinePhrase: duties with a cadence (kind recurring)', () => {
  it.each([
    ['Hằng quý.', { every: 'quarter', until: '2030-12-31' }, "quarterly, to the plan's end"],
    ['Hàng năm', { every: 'year', until: '2030-12-31' }, '"Hàng" is the common spelling of "Hằng"'],
    ['Định kỳ hằng tháng', { every: 'month', until: '2030-12-31' }, 'monthly'],
    ['Theo quý', { every: 'quarter', until: '2030-12-31' }, '"Theo quý" is a cadence, not a deferral'],
    ['Tháng 6 hằng năm', { every: 'year', until: '2030-12-31', on: '06-30' }, 'a yearly duty due at the end of June'],
    ['Quý IV hằng năm', { every: 'year', until: '2030-12-31', on: '12-31' }, 'a yearly duty due at the end of the fourth quarter'],
    ['Hằng năm (trước ngày 15/12)', { every: 'year', until: '2030-12-31', before: '12-15' }, 'before 15 December each year'],
    ['Thường xuyên, định kỳ 6 tháng báo cáo UBND tỉnh', { every: 'halfYear', until: '2030-12-31' }, 'a six-monthly report'],
    ['Báo cáo định kỳ 6 tháng, hằng năm', { every: 'halfYear', until: '2030-12-31' }, 'two cadences: the shorter one covers both'],
    ['Hằng quý, đến hết năm 2027', { every: 'quarter', until: '2027-12-31' }, 'the phrase names its own end'],
  ] as [string, { every: string; until: string; on?: string }, string][])('%s (%s)', (phrase, recurrence) => {
    const result = parseDeadlinePhrase(phrase, 'deadlinePhrase', PLAN);
    expect(result).toMatchObject({ kind: 'recurring', phrase, recurrence, dueOn: recurrence.until });
  });

  it('"Thường xuyên" with no cadence is one item due at the plan\'s end', () => {
    expect(parseDeadlinePhrase('Thường xuyên', 'd', PLAN)).toMatchObject({ kind: 'recurring', dueOn: '2030-12-31' });
    expect(parseDeadlinePhrase('Thường xuyên', 'd', PLAN).recurrence).toBeUndefined();
  });

  it('"Thường xuyên trong năm 2024" is one item due at the end of 2024, as before', () => {
    expect(parseDeadlinePhrase('Thường xuyên trong năm 2024', 'd', YEAR_PLAN)).toMatchObject({ kind: 'recurring', dueOn: '2024-12-31' });
    expect(parseDeadlinePhrase('Thường xuyên, đến hết Quý II năm 2024', 'd', {})).toMatchObject({ kind: 'recurring', dueOn: '2024-06-30' });
  });

  it("a cadence without a known plan end has no until (the note says it runs to the plan's end)", () => {
    const r = parseDeadlinePhrase('Hằng quý', 'd', {});
    expect(r).toMatchObject({ kind: 'recurring', recurrence: { every: 'quarter' } });
    expect(r.recurrence?.until).toBeUndefined();
    expect(r.note).toContain("plan's end");
  });

  it("a start date is not a deadline: ongoing to the plan's end, with the start kept", () => {
    expect(parseDeadlinePhrase('Từ tháng 3/2026', 'd', PLAN)).toMatchObject({
      kind: 'recurring',
      dueOn: '2030-12-31',
      startsOn: '2026-03-01',
    });
  });
});

describe('parseDeadlinePhrase: a first milestone, then every year (kind openEnded)', () => {
  it.each([
    ['Năm 2027 và các năm tiếp theo.', '2027-12-31', '12-31'],
    ['Từ năm 2027 và những năm tiếp theo', '2027-12-31', '12-31'],
    ['Quý II/2026 và các năm tiếp theo', '2026-06-30', '06-30'],
  ])('%s → %s then yearly', (phrase, dueOn, on) => {
    expect(parseDeadlinePhrase(phrase, 'd', PLAN)).toMatchObject({
      kind: 'openEnded',
      dueOn,
      recurrence: { every: 'year', from: dueOn, on, until: '2030-12-31' },
    });
  });
});

describe('parseDeadlinePhrase: waits on something outside the plan (kind conditional)', () => {
  it.each([
    ['Theo kế hoạch của UBND tỉnh', 'defers to another document'],
    ['Theo Chương trình công tác năm 2024', "a year inside a deferral is not the task's deadline"],
    ['Sau khi có hướng dẫn của Bộ', 'waits on guidance'],
    ['Sau khi Đề án được phê duyệt', 'waits on an approval'],
    ['Theo tiến độ dự án', 'follows another schedule'],
    ['Khi có yêu cầu', 'on request'],
    ['', 'a blank cell'],
    ['   ', 'a blank cell of spaces'],
    ['-', 'a dash for "none"'],
    ['asdf qwer', 'names no date: kept, listed until a leader sets one'],
  ])('"%s" (%s)', (phrase) => {
    const result = parseDeadlinePhrase(phrase, 'd', PLAN);
    expect(result).toMatchObject({ kind: 'conditional', phrase });
    expect(result.dueOn).toBeUndefined();
  });
});

describe('parseDeadlinePhrase: text that names a date it cannot pin down is refused, never guessed', () => {
  it.each([
    'sớm nhất có thể',
    'Quý V năm 2024',
    'Quý 5 năm 2024',
    'tháng 13/2026',
    'trong tháng 0 năm 2024',
    '31/02/2024',
    '29/02/2023',
    '2024-02-30',
    '2024-13-01',
    'năm 24',
    'năm 0024',
    'trước ngày',
    'ngày 15/01',
    'Quý II',
    'Quý II/2027 - Quý I/2026',
    'Tuần sau',
  ])('"%s"', (phrase) => expectUnreadable(phrase));

  it('names the field the caller passes', () => {
    expectUnreadable('sớm nhất có thể', 'tasks[3].deadline');
  });

  it('refuses a value that is not a string', () => {
    expect(() => parseDeadlinePhrase(42 as unknown as string)).toThrow(DomainError);
  });
});

describe('parseDeadlinePhrase: a date after a conditional opening word', () => {
  it.each([
    ['Cho đến hết năm 2025', '2025-12-31', '"cho đến" (until) is no condition'],
    ['Cho đến ngày 30/6/2026', '2026-06-30', '"cho đến ngày": that day'],
    ['Khi có yêu cầu, chậm nhất 31/12/2026', '2026-12-31', 'on request, and at the latest that day'],
    ['Theo yêu cầu, trước 30/6/2026', '2026-06-29', 'on request, and before that day'],
    ['Sau khi có hướng dẫn của Bộ, đến hết Quý III/2026', '2026-09-30', 'after guidance, until the end of the quarter'],
  ])('"%s" → %s (%s)', (phrase, dueOn) => {
    expect(parseDeadlinePhrase(phrase, 'd', PLAN)).toMatchObject({ kind: 'date', dueOn, phrase });
  });

  it('"Sau ngày 30/6/2024" names a date the work comes after, not a deadline: refused, quoting it', () => {
    expectUnreadable('Sau ngày 30/6/2024');
    expectUnreadable('Sau Quý II/2026');
  });

  it('a condition naming a year of another document is still conditional', () => {
    expect(parseDeadlinePhrase('Theo Chương trình công tác năm 2024', 'd', PLAN).kind).toBe('conditional');
    expect(parseDeadlinePhrase('Chờ hướng dẫn của tỉnh', 'd', PLAN).kind).toBe('conditional');
  });
});

describe('parseDeadlinePhrase: "từ" starts a series, it does not end it', () => {
  it.each([
    ['Hằng năm từ năm 2026', { every: 'year', from: '2026-01-01', until: '2030-12-31' }],
    ['Hằng quý, từ năm 2025', { every: 'quarter', from: '2025-01-01', until: '2030-12-31' }],
    ['Hằng năm từ năm 2026 đến năm 2028', { every: 'year', from: '2026-01-01', until: '2028-12-31' }],
  ])('"%s" → %j', (phrase, recurrence) => {
    const r = parseDeadlinePhrase(phrase, 'd', PLAN);
    expect(r).toMatchObject({ kind: 'recurring', dueOn: recurrence.until });
    expect(r.recurrence).toEqual(recurrence);
  });

  it('"Thường xuyên từ năm 2026": one item due at the plan\'s end, starting in 2026', () => {
    const r = parseDeadlinePhrase('Thường xuyên từ năm 2026', 'd', PLAN);
    expect(r).toMatchObject({ kind: 'recurring', dueOn: '2030-12-31', startsOn: '2026-01-01' });
    expect(r.recurrence).toBeUndefined();
  });
});

describe('parseDeadlinePhrase: a date in brackets is the deadline within the period', () => {
  it.each([
    ['Năm 2026 (trước 15/12)', '2026-12-14'],
    ['Quý II/2026 (trước ngày 15/6)', '2026-06-14'],
    ['Tháng 6/2024 (báo cáo trước 20/6)', '2024-06-19'],
    ['Quý IV/2026 (báo cáo kết quả)', '2026-12-31'],
  ])('"%s" → %s', (phrase, dueOn) => {
    expect(parseDeadlinePhrase(phrase, 'd', PLAN)).toMatchObject({ kind: 'date', dueOn });
  });

  it('a bracket naming a date that cannot be read is refused, never left out', () => {
    expectUnreadable('Năm 2026 (trước ngày 31/02)');
  });
});

describe('parseDeadlinePhrase: the day before a date each year is found in each year', () => {
  it.each(['Trước ngày 01/3 hằng năm', 'Trước tháng 3 hằng năm'])('"%s" is due the day before 1 March (29 February in 2028)', (phrase) => {
    const r = parseDeadlinePhrase(phrase, 'd', PLAN);
    expect(r.recurrence).toEqual({ every: 'year', until: '2030-12-31', before: '03-01' });
    expect(occurrencesOf(PLAN.assignedOn!, r.recurrence as Recurrence).map((o) => o.dueOn)).toEqual([
      '2027-02-28',
      '2028-02-29',
      '2029-02-28',
      '2030-02-28',
    ]);
  });
});

describe('parseDeadlinePhrase: "kể từ ngày ký" counts from the plan\'s signing', () => {
  const SIGNED: DeadlineContext = { ...PLAN, signedOn: '2026-02-20' };
  it.each(['Trong thời hạn 15 ngày kể từ ngày ký', 'Trong 15 ngày kể từ ngày ký', '15 ngày kể từ ngày ký'])(
    '"%s" → 15 days after the signing',
    (phrase) => {
      const r = parseDeadlinePhrase(phrase, 'd', SIGNED);
      expect(r).toMatchObject({ kind: 'date', dueOn: '2026-03-07' });
      expect(r.note).toContain("the plan's signing, 2026-02-20");
    },
  );
  it('"Trong 15 ngày kể từ ngày nhận được báo cáo" counts from an event outside the plan', () => {
    expect(parseDeadlinePhrase('Trong 15 ngày kể từ ngày nhận được báo cáo', 'd', SIGNED).kind).toBe('conditional');
  });
});
