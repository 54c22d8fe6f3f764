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
});
