import Decimal from 'decimal.js';
import { invalid } from '../shared';

/**
 * Every percentage and point value is computed in decimal, never in binary floating point
 * (57/100 must give "57.00"). Inputs are JSON numbers or decimal strings ("9.2", "11401").
 * The precision is far above what any ratio here needs, so that truncation sees the exact digits.
 */
export const Dec = Decimal.clone({ precision: 64, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof Dec>;

export type DecimalInput = number | string;
export type Rounding = 'halfUp' | 'truncate';
export const ROUNDINGS: readonly Rounding[] = ['halfUp', 'truncate'];

const DECIMAL_STRING = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export function isDecimalInput(value: unknown): value is DecimalInput {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && DECIMAL_STRING.test(value.trim());
}

export function toDec(value: unknown, field?: string): Dec {
  if (!isDecimalInput(value)) {
    throw invalid('INVALID_DECIMAL', `${JSON.stringify(value) ?? String(value)} is not a decimal number`, field);
  }
  // A JS number goes through its shortest round-trip text (0.1 → "0.1"), never its binary expansion.
  return new Dec(typeof value === 'number' ? String(value) : value.trim());
}

/** Canonical text of a decimal: no exponent, no trailing zeros ("30", "9.2", "0.05"). */
export function decimalString(value: unknown, field?: string): string {
  const d = toDec(value, field);
  return d.isZero() ? '0' : d.toFixed();
}

export function parseRounding(value: unknown, field = 'rounding'): Rounding {
  if (value === undefined || value === null || value === '') return 'halfUp';
  if (!ROUNDINGS.includes(value as Rounding)) throw invalid('INVALID_ROUNDING', 'rounding must be halfUp or truncate', field);
  return value as Rounding;
}

/** Two decimals, half-up (ties away from zero) or truncated (towards zero). */
export function toFixed2(value: Dec, rounding: Rounding): string {
  return value.toFixed(2, rounding === 'truncate' ? Decimal.ROUND_DOWN : Decimal.ROUND_HALF_UP);
}
