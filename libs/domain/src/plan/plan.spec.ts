import { deciderSpec, errorOf } from '../testing';
import { testContext } from '../office/office.testing';
import { AdoptPlan, PlanCommand } from './plan.commands';
import { planDecider } from './plan.decide';
import { PlanEvent } from './plan.events';

const leader = testContext('leader', 'UBND-SH', '2024-07-01T10:00:00+07:00');
const adopt: AdoptPlan = {
  type: 'AdoptPlan',
  data: {
    id: 'p-1',
    code: 'SH-KHACPHUC-2024',
    directiveId: 'd-1',
    issuer: 'UBND-SH',
    title: 'Khắc phục tồn tại, hạn chế CCHC năm 2023',
    period: { from: '2024-01-01', to: '2024-12-31' },
    followUp: 'SH-NV',
    targets: [
      { code: 'KT', name: 'Tỷ lệ cơ quan được kiểm tra', unit: 'percent', comparator: 'atLeast', value: 30, strict: true },
      { code: 'XH', name: 'Xếp hạng Chỉ số CCHC', unit: 'rank', comparator: 'between', min: '4', max: 6 },
    ],
  },
};
const adopted: PlanEvent = {
  type: 'PlanAdopted',
  data: {
    id: 'p-1',
    code: 'SH-KHACPHUC-2024',
    directiveId: 'd-1',
    issuer: 'UBND-SH',
    title: 'Khắc phục tồn tại, hạn chế CCHC năm 2023',
    period: { from: '2024-01-01', to: '2024-12-31' },
    requiresAcceptance: true,
    followUp: 'SH-NV',
  },
};
const targetKT: PlanEvent = {
  type: 'TargetAdded',
  data: {
    code: 'KT',
    name: 'Tỷ lệ cơ quan được kiểm tra',
    unit: 'percent',
    comparator: 'atLeast',
    value: '30',
    min: null,
    max: null,
    strict: true,
  },
};
const targetXH: PlanEvent = {
  type: 'TargetAdded',
  data: { code: 'XH', name: 'Xếp hạng Chỉ số CCHC', unit: 'rank', comparator: 'between', value: null, min: '4', max: '6', strict: false },
};
const history = [adopted, targetKT, targetXH];
const closed: PlanEvent = { type: 'PlanClosed', data: { id: 'p-1', reason: null } };

const { given, stateOf } = deciderSpec(planDecider, leader);

describe('Plan', () => {
  describe('AdoptPlan', () => {
    it('adopts, then adds each target in the same decision', () => {
      expect(given([], adopt)).toEqual(history);
    });
    it('defaults: no code, directive, follow-up or targets; acceptance required', () => {
      const { id, issuer, title, period } = adopt.data;
      expect(given([], { type: 'AdoptPlan', data: { id, issuer, title, period } })).toEqual([
        {
          type: 'PlanAdopted',
          data: { id, code: null, directiveId: null, issuer, title, period, requiresAcceptance: true, followUp: null },
        },
      ]);
      expect(given([], { type: 'AdoptPlan', data: { id, issuer, title, period, requiresAcceptance: false } })[0].data).toMatchObject({
        requiresAcceptance: false,
      });
    });
    it.each([
      [{ period: { from: '2024-12-31', to: '2024-01-01' } }, 'INVALID_PERIOD', 'period.to'],
      [{ period: { from: '2024-01-01', to: '2024-13-01' } }, 'INVALID_DATE', 'period.to'],
      [{ period: { from: 'x', to: '2024-12-01' } }, 'INVALID_DATE', 'period.from'],
      [{ period: undefined }, 'INVALID_PERIOD', 'period'],
      [{ title: ' ' }, 'INVALID_TITLE', 'title'],
      [{ followUp: 'SH NV' }, 'INVALID_OFFICE_CODE', 'followUp'],
      [{ requiresAcceptance: 'yes' }, 'INVALID_VALUE', 'requiresAcceptance'],
      [{ targets: [{ code: 'A', name: 'a', unit: 'percent', comparator: 'between', min: 7, max: 6 }] }, 'INVALID_TARGET', 'targets[0].max'],
      [{ targets: [{ code: 'A', name: 'a', unit: 'count', comparator: 'atLeast' }] }, 'INVALID_TARGET', 'targets[0].value'],
      [{ targets: [{ code: 'A B', name: 'a', unit: 'count', comparator: 'atLeast', value: 1 }] }, 'INVALID_TARGET_CODE', 'targets[0].code'],
    ])('refuses %j: %s', (patch, code, field) => {
      expect(errorOf(() => given([], { ...adopt, data: { ...adopt.data, ...(patch as object) } }))).toEqual([code, 'validation', field]);
    });
    it('refuses a target code twice in one plan: TARGET_EXISTS', () => {
      const twice = [adopt.data.targets![0], { ...adopt.data.targets![1], code: 'KT' }];
      expect(errorOf(() => given([], { ...adopt, data: { ...adopt.data, targets: twice } }))).toEqual([
        'TARGET_EXISTS',
        'conflict',
        'targets[1].code',
      ]);
    });
    it('refuses an existing plan: PLAN_EXISTS', () => {
      expect(errorOf(() => given(history, adopt))).toEqual(['PLAN_EXISTS', 'conflict', 'id']);
    });
    it('is for leaders within the issuer subtree, and admins', () => {
      expect(errorOf(() => given([], adopt, testContext('leader', 'UBND-BS')))).toEqual(['OUTSIDE_SUBTREE', 'forbidden', undefined]);
      expect(errorOf(() => given([], adopt, testContext('officer', 'UBND-SH')))).toEqual(['ROLE_NOT_ALLOWED', 'forbidden', undefined]);
      expect(given([], adopt, testContext('admin', 'SH-X-SONHA'))).toEqual(history);
    });
  });

  describe('AddTarget', () => {
    const add: PlanCommand = {
      type: 'AddTarget',
      data: { code: 'SK', name: 'Số sáng kiến', unit: 'count', comparator: 'atLeast', value: '3' },
    };
    it('adds a target with decimal strings', () => {
      expect(given(history, add)).toEqual([
        {
          type: 'TargetAdded',
          data: { code: 'SK', name: 'Số sáng kiến', unit: 'count', comparator: 'atLeast', value: '3', min: null, max: null, strict: false },
        },
      ]);
    });
    it('refuses a known code: TARGET_EXISTS', () => {
      expect(errorOf(() => given(history, { ...add, data: { ...add.data, code: 'KT' } }))).toEqual(['TARGET_EXISTS', 'conflict', 'code']);
    });
    it('refuses an invalid target', () => {
      expect(
        errorOf(() => given(history, { ...add, data: { ...add.data, comparator: 'between', value: undefined, min: 5, max: 4 } })),
      ).toEqual(['INVALID_TARGET', 'validation', 'max']);
    });
    it('refuses on a closed plan: PLAN_CLOSED; on no plan: PLAN_NOT_FOUND', () => {
      expect(errorOf(() => given([...history, closed], add))).toEqual(['PLAN_CLOSED', 'conflict', undefined]);
      expect(errorOf(() => given([], add))).toEqual(['PLAN_NOT_FOUND', 'not_found', undefined]);
    });
    it('keeps to the subtree: OUTSIDE_SUBTREE', () => {
      expect(errorOf(() => given(history, add, testContext('leader', 'SH-NV')))).toEqual(['OUTSIDE_SUBTREE', 'forbidden', undefined]);
    });
  });

  describe('MeasureTarget', () => {
    const measure: PlanCommand = { type: 'MeasureTarget', data: { code: 'KT', value: 35.5, asOf: '2024-06-30', source: '117/BC-UBND' } };
    const measured: PlanEvent = { type: 'TargetMeasured', data: { code: 'KT', value: '35.5', asOf: '2024-06-30', source: '117/BC-UBND' } };
    it('records a measurement', () => {
      expect(given(history, measure)).toEqual([measured]);
      expect(given(history, { type: 'MeasureTarget', data: { code: 'XH', value: '8', asOf: '2024-06-30' } })).toEqual([
        { type: 'TargetMeasured', data: { code: 'XH', value: '8', asOf: '2024-06-30', source: null } },
      ]);
    });
    it('records nothing for the same measurement twice, but takes a correction', () => {
      expect(given([...history, measured], measure)).toEqual([]);
      expect(given([...history, measured], { ...measure, data: { ...measure.data, value: '36' } })).toEqual([
        { type: 'TargetMeasured', data: { ...measured.data, value: '36' } },
      ]);
    });
    it('still records on a closed plan (results come after the year ends)', () => {
      expect(given([...history, closed], measure)).toEqual([measured]);
    });
    it('folds measurements into the target', () => {
      const state = stateOf([...history, measured]);
      expect(state?.targets.KT.measurements).toEqual([measured.data]);
      expect(state?.targetOrder).toEqual(['KT', 'XH']);
    });
    it.each([
      [{ code: 'NONE' }, 'TARGET_NOT_FOUND', 'not_found', undefined],
      [{ code: 'constructor' }, 'TARGET_NOT_FOUND', 'not_found', undefined],
      [{ asOf: '2024-07-02' }, 'MEASURED_IN_FUTURE', 'validation', 'asOf'],
      [{ asOf: '30/06/2024' }, 'INVALID_DATE', 'validation', 'asOf'],
      [{ value: 'nhiều' }, 'INVALID_DECIMAL', 'validation', 'value'],
      [{ value: -1 }, 'INVALID_VALUE', 'validation', 'value'],
      [{ code: 'XH', value: '8.5' }, 'INVALID_VALUE', 'validation', 'value'],
    ])('refuses %j: %s', (patch, code, category, field) => {
      expect(errorOf(() => given(history, { ...measure, data: { ...measure.data, ...(patch as object) } } as PlanCommand))).toEqual([
        code,
        category,
        field,
      ]);
    });
    it('accepts a measurement as of today (local date)', () => {
      expect(given(history, { ...measure, data: { ...measure.data, asOf: '2024-07-01' } })).toHaveLength(1);
    });
  });

  describe('ClosePlan', () => {
    it('closes once', () => {
      expect(given(history, { type: 'ClosePlan', data: {} })).toEqual([closed]);
      expect(given(history, { type: 'ClosePlan', data: { reason: 'Hết kỳ' } })).toEqual([
        { type: 'PlanClosed', data: { id: 'p-1', reason: 'Hết kỳ' } },
      ]);
      expect(errorOf(() => given([...history, closed], { type: 'ClosePlan', data: {} }))).toEqual(['PLAN_CLOSED', 'conflict', undefined]);
      expect(stateOf([...history, closed])?.status).toBe('closed');
    });
    it('is for leaders and admins only', () => {
      expect(errorOf(() => given(history, { type: 'ClosePlan', data: {} }, testContext('inspector', 'UBND-SH')))).toEqual([
        'ROLE_NOT_ALLOWED',
        'forbidden',
        undefined,
      ]);
    });
  });
});

describe('a plan stays in its issuer’s line (issue 13, item 8)', () => {
  const adoptWith = (over: Partial<AdoptPlan['data']>): AdoptPlan => ({ ...adopt, data: { ...adopt.data, ...over } });

  it('may not cite another district’s directive', () => {
    expect(errorOf(() => given([], adoptWith({ directiveIssuer: 'UBND-BS' })))).toEqual([
      'DIRECTIVE_OUTSIDE_SCOPE',
      'forbidden',
      undefined,
    ]);
    // Not even an admin: the plan would count under a directive of another district.
    expect(errorOf(() => given([], adoptWith({ directiveIssuer: 'BS-NV' }), testContext('admin', 'UBND-QNG')))?.[0]).toBe(
      'DIRECTIVE_OUTSIDE_SCOPE',
    );
  });

  it('cites a directive of its issuer, of the province above, or of an office below', () => {
    for (const directiveIssuer of ['UBND-SH', 'UBND-QNG', 'SH-NV'])
      expect(given([], adoptWith({ directiveIssuer }))[0].type).toBe('PlanAdopted');
  });

  it('names a follow-up office only within the leader’s subtree', () => {
    expect(errorOf(() => given([], adoptWith({ followUp: 'BS-NV' })))).toEqual(['OUTSIDE_SUBTREE', 'forbidden', undefined]);
  });
});
