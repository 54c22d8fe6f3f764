import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../shared';
import { parseDeadlinePhrase } from './deadline-phrase.parser';

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

function expectUnreadable(phrase: string, field = 'deadlinePhrase'): void {
  let error: unknown;
  try {
    parseDeadlinePhrase(phrase, field);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(DomainError);
  expect(error).toMatchObject({
    code: 'DEADLINE_PHRASE_UNREADABLE',
    category: 'validation',
    field,
    message: `cannot read the deadline "${phrase}"`,
  });
}

describe('parseDeadlinePhrase: golden phrases', () => {
  it('loads the fixture', () => {
    expect(golden.length).toBeGreaterThanOrEqual(11);
  });

  it.each(golden.map((g) => [g.phrase, g] as const))('%s', (phrase, g) => {
    if (g.error) return expectUnreadable(phrase);
    const result = parseDeadlinePhrase(phrase);
    if (g.recurring) expect(result).toEqual({ kind: 'recurring', until: g.until, phrase });
    else if (g.dueOn === null) expect(result).toEqual({ kind: 'none', phrase });
    else expect(result).toEqual({ kind: 'date', dueOn: g.dueOn, phrase });
  });
});

describe('parseDeadlinePhrase: more forms', () => {
  it.each([
    ['Quý I năm 2024', '2024-03-31'],
    ['quý 4 năm 2024', '2024-12-31'],
    ['QUÝ IV NĂM 2024', '2024-12-31'],
    ['Trong Quý 2 2024', '2024-06-30'],
    ['Trước Quý I năm 2024', '2023-12-31'],
    ['Trước quý IV năm 2024', '2024-09-30'],
    ['6 tháng cuối năm 2024', '2024-12-31'],
    ['Trong 6 tháng đầu năm 2023', '2023-06-30'],
    ['trong tháng 02 năm 2023', '2023-02-28'],
    ['Trong tháng 2 năm 2024', '2024-02-29'],
    ['tháng 12 năm 2024', '2024-12-31'],
    ['trong tháng 02/2024', '2024-02-29'],
    ['trước tháng 3 năm 2024', '2024-02-29'],
    ['trước ngày 01/03/2024', '2024-02-29'],
    ['trước ngày 1/1/2024', '2023-12-31'],
    ['đến ngày 15/01/2024', '2024-01-15'],
    ['Đến hết ngày 15/01/2024', '2024-01-15'],
    ['ngày 15/01/2024', '2024-01-15'],
    ['Ngày 29/02/2024', '2024-02-29'],
    ['31/03/2024', '2024-03-31'],
    ['2024-03-31', '2024-03-31'],
    ['  Trong   năm 2024 ', '2024-12-31'],
    ['năm 2024', '2024-12-31'],
    ['Trong năm 2024'.normalize('NFD'), '2024-12-31'],
  ])('%s → %s', (phrase, dueOn) => {
    expect(parseDeadlinePhrase(phrase)).toEqual({ kind: 'date', dueOn, phrase });
  });

  it('keeps a recurring phrase with its until date', () => {
    expect(parseDeadlinePhrase('Thường xuyên, đến hết Quý II năm 2024')).toEqual({
      kind: 'recurring',
      until: '2024-06-30',
      phrase: 'Thường xuyên, đến hết Quý II năm 2024',
    });
  });

  it('reads a deferral to another document as no date', () => {
    expect(parseDeadlinePhrase('Theo Chương trình công tác năm 2024')).toEqual({
      kind: 'none',
      phrase: 'Theo Chương trình công tác năm 2024',
    });
  });
});

describe('parseDeadlinePhrase: unreadable phrases are refused, never guessed', () => {
  it.each([
    'sớm nhất có thể',
    '',
    '   ',
    'asdf qwer',
    'Quý V năm 2024',
    'Quý 5 năm 2024',
    'Quý II',
    'trong tháng 13 năm 2024',
    'trong tháng 0 năm 2024',
    '31/02/2024',
    '29/02/2023',
    '2024-02-30',
    '2024-13-01',
    'năm 24',
    'năm 0024',
    'Thường xuyên',
    'Thường xuyên hằng tháng',
    'Theo quý',
    'Quy II nam 2024',
    'trước ngày',
    'ngày 15/01',
  ])('"%s"', (phrase) => expectUnreadable(phrase));

  it('names the field the caller passes', () => {
    expectUnreadable('sớm nhất có thể', 'tasks[3].deadline');
  });

  it('refuses a value that is not a string', () => {
    expect(() => parseDeadlinePhrase(42 as unknown as string)).toThrow(DomainError);
  });
});
