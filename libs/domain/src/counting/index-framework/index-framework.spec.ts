import { deciderSpec, errorOf } from '../../testing';
import { testContext } from '../../office/office.testing';
import { loadGoldenRates } from '../golden.testing';
import { IndexFramework, areaAttainment, areaOf, sumByArea } from './index-framework';
import { IndexFrameworkCommand, RegisterIndexFramework } from './index-framework.commands';
import { indexFrameworkDecider } from './index-framework.decide';
import { IndexFrameworkEvent } from './index-framework.events';

const par = loadGoldenRates().parIndexDistrict2023;
const framework: IndexFramework = {
  code: 'PAR_INDEX',
  year: 2023,
  level: 'district',
  name: 'Chỉ số CCHC cấp huyện',
  areas: par.areas.map(({ code, name, max }) => ({ code, name, max })),
  criteria: [{ code: '7.3.3.2', name: 'Tỷ lệ số hóa kết quả giải quyết TTHC', max: '0.5' }],
  sipasMax: '28',
};
const scores = Object.fromEntries(par.areas.map((a) => [a.code, a.score]));

describe('areaOf', () => {
  it('is the first segment', () => {
    expect(areaOf('7.3.3.2')).toBe('7');
    expect(areaOf('1.3.2')).toBe('1');
    expect(areaOf('8')).toBe('8');
  });
  it('sums criterion points into areas', () => {
    expect(sumByArea({ '1.1': '1.5', '1.3.2': 2, '7.3.3.2': '0.25' })).toEqual({ '1': '3.5', '7': '0.25' });
  });
});

describe('areaAttainment, seed 000 (Bình Sơn, PAR INDEX 2023)', () => {
  it('truncates like the report: 9.2 / 10.5 → 87.61', () => {
    const result = areaAttainment(framework, { scores, sipas: par.sipasScore }, 'truncate');
    expect(result.areas.map((a) => [a.code, a.max, a.score, a.lost, a.attainment])).toEqual([
      ['1', '10.5', '9.2', '1.3', '87.61'],
      ['2', '4.5', '4.5', '0', '100.00'],
      ['3', '12.5', '12.06', '0.44', '96.48'],
      ['4', '5', '5', '0', '100.00'],
      ['5', '10', '9.45', '0.55', '94.50'],
      ['6', '9', '6.45', '2.55', '71.66'],
      ['7', '14', '11.85', '2.15', '84.64'],
      ['8', '6.5', '4.75', '1.75', '73.07'],
    ]);
    expect(result.selfAssessment).toEqual({ max: '72', score: '63.26', lost: '8.74', attainment: '87.86' });
    expect(result.sipas).toEqual({ max: '28', score: '19.58', lost: '8.42', attainment: '69.92' });
    expect(result.total).toEqual({ max: '100', score: '82.84', lost: '17.16', attainment: '82.84' });
    expect(result.selfAssessment.max).toBe(par.selfAssessmentMax);
    expect(result.selfAssessment.score).toBe(par.selfAssessmentScore);
    expect(result.total.score).toBe(par.totalScore);
  });

  it('rounds half-up by default: 87.62, 71.67, 73.08', () => {
    const result = areaAttainment(framework, { scores, sipas: par.sipasScore });
    expect(result.areas.map((a) => a.attainment)).toEqual(['87.62', '100.00', '96.48', '100.00', '94.50', '71.67', '84.64', '73.08']);
    expect(result.selfAssessment.attainment).toBe('87.86');
  });

  it('leaves sums empty while a part is missing', () => {
    const { ['8']: _, ...partial } = scores;
    const result = areaAttainment(framework, { scores: partial });
    expect(result.areas[7]).toEqual({ code: '8', name: par.areas[7].name, max: '6.5', score: null, lost: null, attainment: null });
    expect(result.selfAssessment.score).toBeNull();
    expect(result.sipas).toEqual({ max: '28', score: null, lost: null, attainment: null });
    expect(result.total).toEqual({ max: '100', score: null, lost: null, attainment: null });
  });

  it('refuses a score above the max or an unknown area', () => {
    expect(() => areaAttainment(framework, { scores: { ...scores, '1': '10.6' } })).toThrow(
      expect.objectContaining({ code: 'SCORE_OUT_OF_RANGE', field: 'scores.1' }),
    );
    expect(() => areaAttainment(framework, { scores: { ...scores, '9': '1' } })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_AREA', field: 'scores.9' }),
    );
    expect(() => areaAttainment(framework, { scores, sipas: '28.01' })).toThrow(
      expect.objectContaining({ code: 'SCORE_OUT_OF_RANGE', field: 'sipas' }),
    );
    expect(() => areaAttainment(framework, { scores: { ...scores, '2': '-1' } })).toThrow(
      expect.objectContaining({ code: 'SCORE_OUT_OF_RANGE' }),
    );
  });
});

describe('IndexFramework aggregate', () => {
  const leader = testContext('leader', 'UBND-QNG');
  const admin = testContext('admin', 'ROOT');
  const register: RegisterIndexFramework = {
    type: 'RegisterIndexFramework',
    data: {
      code: 'PAR_INDEX',
      year: 2023,
      level: 'district',
      name: 'Chỉ số CCHC cấp huyện',
      areas: par.areas.map(({ code, name, max }) => ({ code, name, max })),
      criteria: [{ code: '7.3.3.2', name: 'Tỷ lệ số hóa kết quả giải quyết TTHC', max: 0.5 }],
      sipasMax: 28,
    },
  };
  const registered: IndexFrameworkEvent = { type: 'IndexFrameworkRegistered', data: framework };
  const { given, stateOf } = deciderSpec(indexFrameworkDecider, leader);
  const codeOf = errorOf;

  it('registers a framework with canonical points', () => {
    expect(given([], register, admin)).toEqual([registered]);
  });
  it('refuses a second registration: INDEX_FRAMEWORK_EXISTS', () => {
    expect(codeOf(() => given([registered], register, admin))).toEqual(['INDEX_FRAMEWORK_EXISTS', 'conflict', 'code']);
  });
  it('refuses bad definitions', () => {
    const d = register.data;
    expect(codeOf(() => given([], { ...register, data: { ...d, level: 'ward' as never } }, admin))).toEqual([
      'INVALID_LEVEL',
      'validation',
      'level',
    ]);
    expect(codeOf(() => given([], { ...register, data: { ...d, areas: [] } }, admin))).toEqual(['INVALID_AREAS', 'validation', 'areas']);
    expect(codeOf(() => given([], { ...register, data: { ...d, areas: [...d.areas, d.areas[0]] } }, admin))).toEqual([
      'DUPLICATE_CODE',
      'validation',
      'areas',
    ]);
    expect(codeOf(() => given([], { ...register, data: { ...d, criteria: [{ code: '9.1', name: 'x' }] } }, admin))).toEqual([
      'UNKNOWN_AREA',
      'validation',
      'criteria[0].code',
    ]);
    expect(codeOf(() => given([], { ...register, data: { ...d, areas: [{ code: '1', name: 'x', max: 0 }] } }, admin))).toEqual([
      'INVALID_VALUE',
      'validation',
      'areas[0].max',
    ]);
  });
  it('is registered by admins only: a leader, even of the province, is refused (issue 13, item 10)', () => {
    expect(codeOf(() => given([], register, leader))).toEqual(['ROLE_NOT_ALLOWED', 'forbidden', undefined]);
    expect(codeOf(() => given([], register, testContext('leader', 'UBND-BS')))).toEqual(['ROLE_NOT_ALLOWED', 'forbidden', undefined]);
    expect(codeOf(() => given([], register, testContext('officer', 'UBND-QNG')))).toEqual(['ROLE_NOT_ALLOWED', 'forbidden', undefined]);
    expect(codeOf(() => given([], register, testContext('inspector', 'UBND-QNG')))).toEqual(['ROLE_NOT_ALLOWED', 'forbidden', undefined]);
  });

  const record: IndexFrameworkCommand = {
    type: 'RecordIndexScores',
    data: { unit: 'UBND-BS', scores, sipas: par.sipasScore, total: '82.84', rank: '6/13', source: 'QĐ công bố Chỉ số CCHC 2023' },
  };
  it('records a unit result with its computed total', () => {
    expect(given([registered], record)).toEqual([
      {
        type: 'IndexScoresRecorded',
        data: {
          framework: 'PAR_INDEX',
          year: 2023,
          level: 'district',
          unit: 'UBND-BS',
          scores: { '1': '9.2', '2': '4.5', '3': '12.06', '4': '5', '5': '9.45', '6': '6.45', '7': '11.85', '8': '4.75' },
          sipas: '19.58',
          total: '82.84',
          rank: '6/13',
          source: 'QĐ công bố Chỉ số CCHC 2023',
        },
      },
    ]);
  });
  it('refuses a total that is not the sum, a missing area, an excess score', () => {
    expect(codeOf(() => given([registered], { ...record, data: { ...record.data, total: '82.85' } }))).toEqual([
      'TOTAL_MISMATCH',
      'validation',
      'total',
    ]);
    const { ['3']: _, ...missing } = scores;
    expect(codeOf(() => given([registered], { ...record, data: { ...record.data, scores: missing } }))).toEqual([
      'MISSING_SCORE',
      'validation',
      'scores.3',
    ]);
    expect(codeOf(() => given([registered], { ...record, data: { ...record.data, scores: { ...scores, '4': '5.5' } } }))).toEqual([
      'SCORE_OUT_OF_RANGE',
      'validation',
      'scores.4',
    ]);
  });
  it('needs the framework: INDEX_FRAMEWORK_NOT_FOUND', () => {
    expect(codeOf(() => given([], record))).toEqual(['INDEX_FRAMEWORK_NOT_FOUND', 'not_found', undefined]);
  });
  it('keeps a leader to units of its subtree: OUTSIDE_SUBTREE', () => {
    expect(codeOf(() => given([registered], record, testContext('leader', 'UBND-SH')))).toEqual([
      'OUTSIDE_SUBTREE',
      'forbidden',
      undefined,
    ]);
    expect(given([registered], record, testContext('admin', 'SH-NV'))).toHaveLength(1);
  });
  it('keeps the latest result per unit', () => {
    const first = given([registered], record)[0];
    const corrected = given([registered, first], { ...record, data: { ...record.data, sipas: '19.6', total: null } })[0];
    const state = stateOf([registered, first, corrected]);
    expect(state.units['UBND-BS'].sipas).toBe('19.6');
    expect(state.units['UBND-BS'].total).toBe('82.86');
  });

  describe('AmendIndexFramework (issue 13, item 10)', () => {
    const amend = (data: Partial<Extract<IndexFrameworkCommand, { type: 'AmendIndexFramework' }>['data']>): IndexFrameworkCommand => ({
      type: 'AmendIndexFramework',
      data: { reason: 'Đính chính theo QĐ công bố', ...data },
    });
    const areas = register.data.areas.map((a) => (a.code === '1' ? { ...a, name: 'Công tác chỉ đạo, điều hành', max: '11' } : a));

    it('supersedes the values, keeps what is left out, and the state reads the latest', () => {
      const [event] = given([registered], amend({ areas, sipasMax: 27 }), admin);
      expect(event).toMatchObject({
        type: 'IndexFrameworkAmended',
        data: {
          code: 'PAR_INDEX',
          year: 2023,
          level: 'district',
          name: 'Chỉ số CCHC cấp huyện',
          sipasMax: '27',
          reason: 'Đính chính theo QĐ công bố',
        },
      });
      const state = stateOf([registered, event]);
      expect(state.framework?.areas[0]).toEqual({ code: '1', name: 'Công tác chỉ đạo, điều hành', max: '11' });
      expect(state.framework?.criteria).toEqual(framework.criteria);
      expect(state.framework).not.toHaveProperty('reason');
      // Scores recorded afterwards are checked against the amended max (11, not 10.5).
      expect(
        given([registered, event], { ...record, data: { ...record.data, scores: { ...scores, '1': '10.8' }, total: null } }),
      ).toHaveLength(1);
    });

    it('is for admins only', () => {
      expect(codeOf(() => given([registered], amend({ areas }), leader))).toEqual(['ROLE_NOT_ALLOWED', 'forbidden', undefined]);
      expect(codeOf(() => given([registered], amend({ areas }), testContext('inspector', 'UBND-QNG')))).toEqual([
        'ROLE_NOT_ALLOWED',
        'forbidden',
        undefined,
      ]);
    });

    it('needs a registered framework, a reason and a change', () => {
      expect(codeOf(() => given([], amend({ areas }), admin))).toEqual(['INDEX_FRAMEWORK_NOT_FOUND', 'not_found', undefined]);
      expect(codeOf(() => given([registered], amend({ areas, reason: ' ' }), admin))?.[0]).toBe('REASON_REQUIRED');
      expect(codeOf(() => given([registered], amend({}), admin))?.[0]).toBe('NOTHING_TO_AMEND');
    });

    it('may not leave recorded scores out of range or unscored', () => {
      const recorded = given([registered], record)[0];
      const lower = register.data.areas.map((a) => (a.code === '1' ? { ...a, max: '9' } : a));
      expect(codeOf(() => given([registered, recorded], amend({ areas: lower }), admin))).toEqual([
        'AMENDMENT_CONFLICTS_WITH_SCORES',
        'conflict',
        'areas',
      ]);
      const more = [...register.data.areas, { code: '9', name: 'Mới', max: '1' }];
      expect(codeOf(() => given([registered, recorded], amend({ areas: more }), admin))?.[0]).toBe('AMENDMENT_CONFLICTS_WITH_SCORES');
      expect(given([registered, recorded], amend({ areas }), admin)).toHaveLength(1);
    });
  });
});
