import { resolvePeriod, resolveRange } from './reporting-period';

describe('resolvePeriod', () => {
  it.each([
    // seed 001: "từ ngày 15/12/2022 đến hết ngày 14/6/2023"
    ['6months', '2023-06-14', '2022-12-15', '2023-06-14'],
    ['6months', '2023-01-01', '2022-12-15', '2023-06-14'],
    ['6months', '2022-12-15', '2022-12-15', '2023-06-14'],
    ['6months', '2023-06-15', '2023-06-15', '2023-12-14'],
    ['6months', '2023-12-14', '2023-06-15', '2023-12-14'],
    ['month', '2023-06-14', '2023-05-15', '2023-06-14'],
    ['month', '2023-06-15', '2023-06-15', '2023-07-14'],
    ['month', '2023-12-20', '2023-12-15', '2024-01-14'],
    ['month', '2024-01-01', '2023-12-15', '2024-01-14'],
    ['quarter', '2024-03-14', '2023-12-15', '2024-03-14'],
    ['quarter', '2024-03-15', '2024-03-15', '2024-06-14'],
    ['quarter', '2024-08-01', '2024-06-15', '2024-09-14'],
    ['quarter', '2024-12-14', '2024-09-15', '2024-12-14'],
    ['year', '2023-06-14', '2022-12-15', '2023-12-14'],
    ['year', '2023-12-15', '2023-12-15', '2024-12-14'],
    ['calendarMonth', '2024-02-15', '2024-02-01', '2024-02-29'],
    ['calendarQuarter', '2024-05-20', '2024-04-01', '2024-06-30'],
    ['calendarHalf', '2024-07-01', '2024-07-01', '2024-12-31'],
    ['calendarHalf', '2024-06-30', '2024-01-01', '2024-06-30'],
    ['calendarYear', '2024-12-31', '2024-01-01', '2024-12-31'],
  ])('%s around %s is %s..%s', (preset, asOf, from, to) => {
    expect(resolvePeriod(preset, asOf)).toEqual({ from, to });
  });

  it('refuses an unknown preset: INVALID_PERIOD on period', () => {
    expect(() => resolvePeriod('week', '2024-01-01')).toThrow(
      expect.objectContaining({ code: 'INVALID_PERIOD', category: 'validation', field: 'period' }),
    );
    expect(() => resolvePeriod('month', '2024-02-30')).toThrow(expect.objectContaining({ code: 'INVALID_DATE', field: 'asOf' }));
  });

  it('resolves a report range from a preset or from/to', () => {
    expect(resolveRange({ period: '6months' }, '2023-06-14')).toEqual({ from: '2022-12-15', to: '2023-06-14' });
    expect(resolveRange({ from: '2024-01-01' }, '2024-05-01')).toEqual({ from: '2024-01-01', to: '2024-05-01' });
    expect(resolveRange({}, '2024-05-01')).toEqual({ from: null, to: '2024-05-01' });
    expect(() => resolveRange({ from: '2024-02-01', to: '2024-01-01' }, '2024-05-01')).toThrow(
      expect.objectContaining({ code: 'INVALID_PERIOD', field: 'to' }),
    );
    expect(() => resolveRange({ period: 'month', from: '2024-01-01' }, '2024-05-01')).toThrow(
      expect.objectContaining({ code: 'INVALID_PERIOD', field: 'period' }),
    );
  });
});
