import { loadGoldenRates } from './golden.testing';
import { parseTargetSpec } from './target';
import { latestMeasurement, targetAttainment } from './target-attainment';
import { targetReportRow } from './target-report';

const golden = loadGoldenRates();

describe('targetAttainment', () => {
  it.each(golden.targetAttainment.map((c) => [c.source, c] as const))('golden: %s', (_, c) => {
    const result = targetAttainment({ comparator: c.comparator, value: c.target, min: c.min, max: c.max }, c.actual);
    expect(result.met).toBe(c.met);
    if (c.attainment !== undefined) expect(result.attainment).toBe(c.attainment);
  });

  it('gives exact values per comparator', () => {
    expect(targetAttainment({ comparator: 'atLeast', value: 60 }, 80)).toEqual({ attainment: '133.33', met: true });
    expect(targetAttainment({ comparator: 'atLeast', value: 60 }, 80, 'truncate')).toEqual({ attainment: '133.33', met: true });
    expect(targetAttainment({ comparator: 'atLeast', value: 100 }, '62.2')).toEqual({ attainment: '62.20', met: false });
    expect(targetAttainment({ comparator: 'atLeast', value: 97 }, 97)).toEqual({ attainment: '100.00', met: true });
    expect(targetAttainment({ comparator: 'atMost', value: 3 }, 2)).toEqual({ attainment: '150.00', met: true });
    expect(targetAttainment({ comparator: 'atMost', value: 3 }, 4)).toEqual({ attainment: '75.00', met: false });
    expect(targetAttainment({ comparator: 'atMost', value: 3 }, 0)).toEqual({ attainment: null, met: true });
    expect(targetAttainment({ comparator: 'between', min: 4, max: 6 }, 8)).toEqual({ attainment: null, met: false });
    expect(targetAttainment({ comparator: 'between', min: 4, max: 6 }, 4)).toEqual({ attainment: null, met: true });
    expect(targetAttainment({ comparator: 'between', min: 4, max: 6 }, 6)).toEqual({ attainment: null, met: true });
    expect(targetAttainment({ comparator: 'atLeast', value: 0 }, 5)).toEqual({ attainment: null, met: true });
  });

  it('reads strict targets as "more than"', () => {
    expect(targetAttainment({ comparator: 'atLeast', value: 30, strict: true }, 30).met).toBe(false);
    expect(targetAttainment({ comparator: 'atLeast', value: 30, strict: true }, '30.01').met).toBe(true);
    expect(targetAttainment({ comparator: 'atMost', value: 3, strict: true }, 3).met).toBe(false);
  });

  it('picks the measurement standing at a date: latest as-of, then latest recorded', () => {
    const ms = [
      { value: '50', asOf: '2024-03-31', source: 'Q1' },
      { value: '70', asOf: '2024-06-30', source: 'Q2' },
      { value: '72', asOf: '2024-06-30', source: 'Q2 corrected' },
      { value: '60', asOf: '2024-05-31', source: 'late May, recorded later' },
    ];
    expect(latestMeasurement(ms, '2024-03-30')).toBeNull();
    expect(latestMeasurement(ms, '2024-03-31')?.value).toBe('50');
    expect(latestMeasurement(ms, '2024-06-29')?.value).toBe('60');
    expect(latestMeasurement(ms, '2024-12-31')?.value).toBe('72');
  });

  it('builds a targets report row', () => {
    const spec = parseTargetSpec({ unit: 'percent', comparator: 'atLeast', value: 90 });
    const row = targetReportRow(
      { code: 'HL', name: 'Mức độ hài lòng', ...spec },
      [{ value: '88.08', asOf: '2022-12-31', source: 'SIPAS 2022' }],
      '2023-06-14',
    );
    expect(row).toEqual({
      code: 'HL',
      name: 'Mức độ hài lòng',
      unit: 'percent',
      comparator: 'atLeast',
      target: '90',
      strict: false,
      actual: '88.08',
      measuredOn: '2022-12-31',
      source: 'SIPAS 2022',
      attainment: '97.87',
      met: false,
    });
    const rank = parseTargetSpec({ unit: 'rank', comparator: 'between', min: 4, max: 6 });
    expect(targetReportRow({ code: 'XH', name: 'Xếp hạng', ...rank }, [], '2023-06-14')).toMatchObject({
      target: { min: '4', max: '6' },
      actual: null,
      measuredOn: null,
      attainment: null,
      met: false,
    });
  });
});

describe('parseTargetSpec', () => {
  const err = (input: Parameters<typeof parseTargetSpec>[0]) => {
    try {
      parseTargetSpec(input, 'targets[0].');
    } catch (e) {
      return { code: (e as { code: string }).code, field: (e as { field: string }).field };
    }
    return null;
  };
  it('keeps values as canonical decimal strings', () => {
    expect(parseTargetSpec({ unit: 'percent', comparator: 'atLeast', value: '97.0' })).toEqual({
      unit: 'percent',
      comparator: 'atLeast',
      value: '97',
      min: null,
      max: null,
      strict: false,
    });
    expect(parseTargetSpec({ unit: 'rank', comparator: 'between', min: '4', max: 6 })).toEqual({
      unit: 'rank',
      comparator: 'between',
      value: null,
      min: '4',
      max: '6',
      strict: false,
    });
  });
  it('refuses inconsistent targets with the field at fault', () => {
    expect(err({ unit: 'percent', comparator: 'between', min: 7, max: 6 })).toEqual({ code: 'INVALID_TARGET', field: 'targets[0].max' });
    expect(err({ unit: 'percent', comparator: 'between', min: 7 })).toEqual({ code: 'INVALID_TARGET', field: 'targets[0].max' });
    expect(err({ unit: 'percent', comparator: 'between', value: 5, min: 4, max: 6 })).toEqual({
      code: 'INVALID_TARGET',
      field: 'targets[0].value',
    });
    expect(err({ unit: 'percent', comparator: 'atLeast' })).toEqual({ code: 'INVALID_TARGET', field: 'targets[0].value' });
    expect(err({ unit: 'percent', comparator: 'atMost', value: 3, min: 1 })).toEqual({ code: 'INVALID_TARGET', field: 'targets[0].min' });
    expect(err({ unit: 'percent', comparator: 'atLeast', value: 'many' })).toEqual({ code: 'INVALID_DECIMAL', field: 'targets[0].value' });
    expect(err({ unit: 'count', comparator: 'atLeast', value: 2.5 })).toEqual({ code: 'INVALID_VALUE', field: 'targets[0].value' });
    expect(err({ unit: 'rank', comparator: 'atMost', value: 0 })).toEqual({ code: 'INVALID_VALUE', field: 'targets[0].value' });
    expect(err({ unit: 'percent', comparator: 'atLeast', value: -1 })).toEqual({ code: 'INVALID_VALUE', field: 'targets[0].value' });
    expect(err({ unit: 'kg', comparator: 'atLeast', value: 1 })).toEqual({ code: 'INVALID_UNIT', field: 'targets[0].unit' });
    expect(err({ unit: 'count', comparator: 'over', value: 1 })).toEqual({ code: 'INVALID_COMPARATOR', field: 'targets[0].comparator' });
  });
});
