import { LocalDate } from '../shared';
import { DecimalInput, Rounding, toDec, toFixed2 } from './decimal';

export interface AttainmentTarget {
  comparator: 'atLeast' | 'atMost' | 'between';
  value?: DecimalInput | null;
  min?: DecimalInput | null;
  max?: DecimalInput | null;
  strict?: boolean;
}

export interface Attainment {
  /** Percent of target, two decimals; null where a ratio means nothing (between, or a zero divisor). */
  attainment: string | null;
  met: boolean;
}

/**
 * DOMAIN.md, Counting: attainment as the reports print it ("80 % against 60 % → 133 %").
 * - atLeast: attainment = actual / target × 100; met when actual ≥ target (> when strict).
 * - atMost: attainment = target / actual × 100 (doing better than the ceiling raises it);
 *   null when actual is 0 (no ratio, yet met); met when actual ≤ target (< when strict).
 * - between: met when min ≤ actual ≤ max; attainment null (being inside a band is not a ratio).
 */
export function targetAttainment(target: AttainmentTarget, actual: DecimalInput, rounding: Rounding = 'halfUp'): Attainment {
  const a = toDec(actual, 'actual');
  switch (target.comparator) {
    case 'atLeast': {
      const t = toDec(target.value, 'value');
      return {
        attainment: t.isZero() ? null : toFixed2(a.times(100).div(t), rounding),
        met: target.strict ? a.gt(t) : a.gte(t),
      };
    }
    case 'atMost': {
      const t = toDec(target.value, 'value');
      return {
        attainment: a.isZero() ? null : toFixed2(t.times(100).div(a), rounding),
        met: target.strict ? a.lt(t) : a.lte(t),
      };
    }
    case 'between':
      return { attainment: null, met: a.gte(toDec(target.min, 'min')) && a.lte(toDec(target.max, 'max')) };
  }
}

export interface Measurement {
  value: string;
  asOf: LocalDate;
  source?: string | null;
}

/**
 * The measurement that stands as of a date: the one with the latest `asOf` not after it; for equal
 * dates the one recorded last (a correction), so `measurements` must be in recorded order.
 */
export function latestMeasurement<M extends Measurement>(measurements: readonly M[], asOf: LocalDate): M | null {
  let best: M | null = null;
  for (const m of measurements) {
    if (m.asOf <= asOf && (best === null || m.asOf >= best.asOf)) best = m;
  }
  return best;
}
