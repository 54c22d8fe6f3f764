import { DomainError } from '../shared';
import { decimalString, parseRounding } from './decimal';
import { GOLDEN_RATES_PATH, loadGoldenRates } from './golden.testing';
import { percent, rate } from './rate';

const golden = loadGoldenRates();

describe('percent and rate', () => {
  it('reads the golden file', () => {
    expect(GOLDEN_RATES_PATH).toMatch(/test\/fixtures\/golden-rates\.json$/);
    expect(golden.ratios).toHaveLength(14);
  });

  describe.each(golden.ratios.map((r) => [`${r.numerator}/${r.denominator}`, r] as const))('%s', (_, r) => {
    it(`half-up gives ${r.halfUp}`, () => {
      expect(percent(r.numerator, r.denominator, 'halfUp')).toBe(r.halfUp);
      expect(percent(r.numerator, r.denominator)).toBe(r.halfUp);
    });
    it(`truncate gives ${r.truncate}`, () => {
      expect(percent(r.numerator, r.denominator, 'truncate')).toBe(r.truncate);
    });
  });

  it('keeps the exact numerator and denominator next to the percentage', () => {
    expect(rate(44, 45)).toEqual({ numerator: 44, denominator: 45, percent: '97.78' });
    expect(rate(16, 60, 'truncate')).toEqual({ numerator: 16, denominator: 60, percent: '26.66' });
    expect(rate('9.2', '10.5', 'truncate')).toEqual({ numerator: '9.2', denominator: '10.5', percent: '87.61' });
    expect(rate(0, 0)).toEqual({ numerator: 0, denominator: 0, percent: null });
  });

  it('is exact where binary floats are not', () => {
    expect(percent(57, 100, 'truncate')).toBe('57.00');
    expect(percent('0.1', '0.3')).toBe('33.33');
    expect(percent(0.29, 1, 'truncate')).toBe('29.00'); // 0.29 * 100 = 28.999999999999996 in floats
    expect(percent(2, 3, 'truncate')).toBe('66.66');
    expect(percent(2, 3)).toBe('66.67');
    expect(percent(1, 8)).toBe('12.50');
    expect(percent(1, 800)).toBe('0.13'); // 0.125 rounds half up
    expect(percent(1, 800, 'truncate')).toBe('0.12');
  });

  it('refuses what is not a number', () => {
    for (const bad of ['abc', '1,5', '', NaN, Infinity, '1e3']) {
      expect(() => percent(bad as never, 2)).toThrow(DomainError);
    }
  });

  it('parses the rounding parameter and canonical decimals', () => {
    expect(parseRounding(undefined)).toBe('halfUp');
    expect(parseRounding('truncate')).toBe('truncate');
    expect(() => parseRounding('up')).toThrow(expect.objectContaining({ code: 'INVALID_ROUNDING', field: 'rounding' }));
    expect(decimalString('30.50')).toBe('30.5');
    expect(decimalString(0.1)).toBe('0.1');
    expect(decimalString('-0')).toBe('0');
    expect(decimalString(100)).toBe('100');
  });
});
