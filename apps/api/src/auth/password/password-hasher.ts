import { Injectable } from '@nestjs/common';
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * scrypt with N=2^14, r=8, p=5: one of the equivalent settings OWASP's Password Storage Cheat
 * Sheet lists (N=2^17/r=8/p=1 … N=2^13/r=8/p=10). Chosen for CPU and memory: about 170 ms of CPU
 * and 16 MiB per hash on this machine, where 2^17/p=1 took 350 ms and 128 MiB (docs/SECURITY.md).
 * The stored string names its parameters, so they can be raised later without a migration.
 */
export const SCRYPT = { ln: 14, r: 8, p: 5, keyLength: 32 };
const MAXMEM = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, ln: number, r: number, p: number, keyLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyLength, { N: 2 ** ln, r, p, maxmem: MAXMEM }, (e, key) => (e ? reject(e) : resolve(key))),
  );
}

@Injectable()
export class PasswordHasher {
  /** Verified against when the user is unknown: the same work, so the same time, as a real check. */
  private dummy?: Promise<string>;

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await derive(password, salt, SCRYPT.ln, SCRYPT.r, SCRYPT.p, SCRYPT.keyLength);
    return `$scrypt$ln=${SCRYPT.ln},r=${SCRYPT.r},p=${SCRYPT.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
  }

  /** False for a wrong password or an unreadable hash; `null` checks against a dummy hash. */
  async verify(password: string, stored: string | null): Promise<boolean> {
    const target = stored ?? (await (this.dummy ??= this.hash(randomBytes(16).toString('hex'))));
    const m = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([\w-]+)\$([\w-]+)$/.exec(target);
    if (!m) return false;
    const expected = Buffer.from(m[5], 'base64url');
    const key = await derive(password, Buffer.from(m[4], 'base64url'), Number(m[1]), Number(m[2]), Number(m[3]), expected.length);
    return timingSafeEqual(key, expected) && stored !== null;
  }
}
