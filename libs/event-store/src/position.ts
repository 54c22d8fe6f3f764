/**
 * A position in the global log, opaque to callers and comparable as a string.
 *
 * PostgreSQL: the writing transaction's id and the event's number, both zero-padded, so that
 * ordering by (transaction id, number) is plain string order. Readers only read below the oldest
 * transaction still running, so a reader never passes an event that has yet to commit.
 */
export type GlobalPosition = string;

export const START: GlobalPosition = '';
const WIDTH = 20;

export function encodePosition(major: string | bigint, minor: string | bigint): GlobalPosition {
  return `${String(major).padStart(WIDTH, '0')}.${String(minor).padStart(WIDTH, '0')}`;
}

export function decodePosition(position: GlobalPosition): { major: string; minor: string } {
  if (position === START) return { major: '0', minor: '0' };
  const m = /^(\d{1,20})\.(\d{1,20})$/.exec(position);
  if (!m) throw new Error(`not a log position: ${position}`);
  return { major: BigInt(m[1]).toString(), minor: BigInt(m[2]).toString() };
}

export function comparePositions(a: GlobalPosition, b: GlobalPosition): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isPosition(value: string): boolean {
  return value === START || /^\d{20}\.\d{20}$/.test(value);
}
