import { DecimalInput, Rounding, toDec, toFixed2 } from './decimal';

/**
 * numerator / denominator × 100 with two decimals, exact: the multiplication happens before the
 * division, in decimal. A zero denominator (an empty group) has no percentage: null, never NaN.
 */
export function percent(numerator: DecimalInput, denominator: DecimalInput, rounding: Rounding = 'halfUp'): string | null {
  const d = toDec(denominator, 'denominator');
  const n = toDec(numerator, 'numerator');
  if (d.isZero()) return null;
  return toFixed2(n.times(100).div(d), rounding);
}

/** A rate as reports show it: the exact numerator and denominator, as given, and the percentage. */
export interface Rate<N extends DecimalInput = DecimalInput> {
  numerator: N;
  denominator: N;
  percent: string | null;
}

/** Counts are passed as numbers and come back as numbers; point values may be decimal strings. */
export function rate<N extends DecimalInput>(numerator: N, denominator: N, rounding: Rounding = 'halfUp'): Rate<N> {
  return { numerator, denominator, percent: percent(numerator, denominator, rounding) };
}
