import type { Clock } from '@dondoc/domain/shared';
import { TestApp } from './test-app';

/** Real time moved forward by the test: expiry and throttling without waiting. */
export class ShiftedClock implements Clock {
  private offset = 0;
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
  advance(ms: number): void {
    this.offset += ms;
  }
}

export interface Session {
  /** The Cookie header: dondoc_session and dondoc_csrf. */
  cookie: string;
  id: string;
  csrf: string;
}

/** The cookies a response set, as a Cookie header and their values. */
export function sessionFrom(res: { headers: Record<string, unknown> }): Session {
  const set = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  const value = (name: string) => set.map((c) => new RegExp(`^${name}=([^;]*)`).exec(c)?.[1]).find((v) => v !== undefined) ?? '';
  const id = value('dondoc_session');
  const csrf = value('dondoc_csrf');
  return { cookie: `dondoc_session=${id}; dondoc_csrf=${csrf}`, id, csrf };
}

export async function signIn(
  t: TestApp,
  username: string,
  password: string,
  expected = 200,
): Promise<Session & { body: Record<string, unknown> }> {
  const res = await t.http.post('/v1/auth/sign-in').send({ username, password });
  if (res.status !== expected) throw new Error(`sign-in: expected ${expected}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return { ...sessionFrom(res), body: res.body };
}

/** Headers of a request made with the session (and its CSRF token, for writes). */
export const withSession = (s: Session, csrf = true) => ({ Cookie: s.cookie, ...(csrf ? { 'X-CSRF-Token': s.csrf } : {}) });
