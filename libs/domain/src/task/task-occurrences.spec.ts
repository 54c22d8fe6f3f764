import { occurrencesOf, periodKeyOf } from './task-occurrences';

describe('occurrences', () => {
  it('keys periods', () => {
    expect(periodKeyOf('2024-03-31', 'month')).toBe('2024-03');
    expect(periodKeyOf('2024-03-31', 'quarter')).toBe('2024-Q1');
    expect(periodKeyOf('2024-10-01', 'quarter')).toBe('2024-Q4');
  });

  it('counts quarters from the one containing the assignment, across years', () => {
    expect(occurrencesOf('2024-05-20', { every: 'quarter', until: '2025-03-31' })).toEqual([
      { key: '2024-Q2', dueOn: '2024-06-30' },
      { key: '2024-Q3', dueOn: '2024-09-30' },
      { key: '2024-Q4', dueOn: '2024-12-31' },
      { key: '2025-Q1', dueOn: '2025-03-31' },
    ]);
  });

  it('ends the last occurrence on until when the series stops mid-period', () => {
    expect(occurrencesOf('2024-11-10', { every: 'month', until: '2025-01-15' })).toEqual([
      { key: '2024-11', dueOn: '2024-11-30' },
      { key: '2024-12', dueOn: '2024-12-31' },
      { key: '2025-01', dueOn: '2025-01-15' },
    ]);
  });

  it('has one occurrence when assigned and ended in the same month', () => {
    expect(occurrencesOf('2024-02-10', { every: 'month', until: '2024-02-10' })).toEqual([{ key: '2024-02', dueOn: '2024-02-10' }]);
  });

  it('counts half-years and years ("định kỳ 6 tháng", "hằng năm")', () => {
    expect(occurrencesOf('2026-03-01', { every: 'halfYear', until: '2027-06-30' })).toEqual([
      { key: '2026-H1', dueOn: '2026-06-30' },
      { key: '2026-H2', dueOn: '2026-12-31' },
      { key: '2027-H1', dueOn: '2027-06-30' },
    ]);
    expect(occurrencesOf('2026-03-01', { every: 'year', until: '2028-12-31' }).map((o) => o.key)).toEqual(['2026', '2027', '2028']);
  });

  it('dues a yearly duty on its day and skips a day before the assignment ("Tháng 6 hằng năm", assigned in September)', () => {
    expect(occurrencesOf('2026-09-10', { every: 'year', until: '2028-12-31', on: '06-30' })).toEqual([
      { key: '2027', dueOn: '2027-06-30' },
      { key: '2028', dueOn: '2028-06-30' },
    ]);
  });

  it('starts an open-ended series at its first milestone, not at the assignment ("Năm 2027 và các năm tiếp theo")', () => {
    expect(occurrencesOf('2026-03-01', { every: 'year', until: '2030-12-31', from: '2027-12-31', on: '12-31' })).toEqual([
      { key: '2027', dueOn: '2027-12-31' },
      { key: '2028', dueOn: '2028-12-31' },
      { key: '2029', dueOn: '2029-12-31' },
      { key: '2030', dueOn: '2030-12-31' },
    ]);
  });

  it('dues "the day before 1 March" on 29 February in a leap year ("Trước ngày 01/3 hằng năm")', () => {
    expect(occurrencesOf('2026-01-15', { every: 'year', until: '2029-12-31', before: '03-01' })).toEqual([
      { key: '2026', dueOn: '2026-02-28' },
      { key: '2027', dueOn: '2027-02-28' },
      { key: '2028', dueOn: '2028-02-29' },
      { key: '2029', dueOn: '2029-02-28' },
    ]);
  });
});
