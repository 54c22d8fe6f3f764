import { invalid } from '../shared';
import { decimalString, toDec } from './decimal';

export type TargetUnit = 'percent' | 'count' | 'rank' | 'amount';
export type TargetComparator = 'atLeast' | 'atMost' | 'between';
export const TARGET_UNITS: readonly TargetUnit[] = ['percent', 'count', 'rank', 'amount'];
export const TARGET_COMPARATORS: readonly TargetComparator[] = ['atLeast', 'atMost', 'between'];

/**
 * What a target asks for, values kept as canonical decimal strings. `value` for atLeast/atMost,
 * `min`..`max` (inclusive) for between. `strict` reads "trên 30 %" (more than, not at least):
 * met only when actual > value (atLeast) or actual < value (atMost).
 * A rank is better when smaller (4th beats 8th): write rank targets with atMost or between.
 */
export interface TargetSpec {
  unit: TargetUnit;
  comparator: TargetComparator;
  value: string | null;
  min: string | null;
  max: string | null;
  strict: boolean;
}

export interface TargetSpecInput {
  unit: unknown;
  comparator: unknown;
  value?: unknown;
  min?: unknown;
  max?: unknown;
  strict?: unknown;
}

const present = (v: unknown) => v !== undefined && v !== null;

/** Validates a target's unit, comparator and values; `prefix` names the fields ("targets[2]."). */
export function parseTargetSpec(input: TargetSpecInput, prefix = ''): TargetSpec {
  if (!TARGET_UNITS.includes(input.unit as TargetUnit)) {
    throw invalid('INVALID_UNIT', `unit must be one of ${TARGET_UNITS.join(', ')}`, `${prefix}unit`);
  }
  if (!TARGET_COMPARATORS.includes(input.comparator as TargetComparator)) {
    throw invalid('INVALID_COMPARATOR', `comparator must be one of ${TARGET_COMPARATORS.join(', ')}`, `${prefix}comparator`);
  }
  const unit = input.unit as TargetUnit;
  const comparator = input.comparator as TargetComparator;
  if (present(input.strict) && typeof input.strict !== 'boolean') {
    throw invalid('INVALID_TARGET', 'strict must be true or false', `${prefix}strict`);
  }
  const strict = input.strict === true;
  if (comparator === 'between') {
    if (present(input.value)) throw invalid('INVALID_TARGET', 'between takes min and max, not value', `${prefix}value`);
    if (!present(input.min)) throw invalid('INVALID_TARGET', 'between needs min', `${prefix}min`);
    if (!present(input.max)) throw invalid('INVALID_TARGET', 'between needs max', `${prefix}max`);
    if (strict) throw invalid('INVALID_TARGET', 'strict applies to atLeast and atMost only', `${prefix}strict`);
    const min = parseTargetValue(unit, input.min, `${prefix}min`);
    const max = parseTargetValue(unit, input.max, `${prefix}max`);
    if (toDec(min).gt(toDec(max))) throw invalid('INVALID_TARGET', `min ${min} is above max ${max}`, `${prefix}max`);
    return { unit, comparator, value: null, min, max, strict };
  }
  if (present(input.min) || present(input.max)) {
    throw invalid('INVALID_TARGET', `${comparator} takes value, not min/max`, `${prefix}${present(input.min) ? 'min' : 'max'}`);
  }
  if (!present(input.value)) throw invalid('INVALID_TARGET', `${comparator} needs value`, `${prefix}value`);
  return { unit, comparator, value: parseTargetValue(unit, input.value, `${prefix}value`), min: null, max: null, strict };
}

/**
 * A target or measured value in its unit: percent ≥ 0 (it may exceed 100: 133 % of target),
 * count an integer ≥ 0, rank an integer ≥ 1, amount any decimal. Returned canonical.
 */
export function parseTargetValue(unit: TargetUnit, value: unknown, field: string): string {
  const d = toDec(value, field);
  const bad = (rule: string) => invalid('INVALID_VALUE', `${d.toFixed()} is not a valid ${unit}: ${rule}`, field);
  if (unit === 'percent' && d.isNeg()) throw bad('must not be negative');
  if (unit === 'count' && (!d.isInteger() || d.isNeg())) throw bad('must be a whole number ≥ 0');
  if (unit === 'rank' && (!d.isInteger() || d.lt(1))) throw bad('must be a whole number ≥ 1');
  return decimalString(d.toFixed());
}
