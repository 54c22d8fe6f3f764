import { invalid } from '@dondoc/domain/shared';
import { COMMON_PASSWORDS } from './common-passwords';

export const MIN_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_LENGTH = 256;
const COMMON = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase()));

/** NIST SP 800-63B's rules: long enough, not a known common one, not the username; no composition rules. */
export function checkPassword(password: unknown, field: string, username?: string): string {
  if (typeof password !== 'string') throw invalid('PASSWORD_REQUIRED', `${field} is required`, field);
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH)
    throw invalid('PASSWORD_TOO_SHORT', `${field} must be at least ${MIN_PASSWORD_LENGTH} characters`, field);
  if (length > MAX_PASSWORD_LENGTH) throw invalid('PASSWORD_TOO_LONG', `${field} must be at most ${MAX_PASSWORD_LENGTH} characters`, field);
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || (username && lower === username.toLowerCase())) {
    throw invalid('PASSWORD_TOO_COMMON', `${field} is one of the most common passwords (or the username): choose another`, field);
  }
  return password;
}

/** 20 characters from 120 random bits: shown once, changed at first sign-in. */
export function oneTimePassword(random: (n: number) => Buffer): string {
  return random(15).toString('base64url').replace(/[-_]/g, 'x');
}
