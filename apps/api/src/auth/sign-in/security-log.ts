import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@dondoc/domain/shared';
import { PG_POOL } from '@dondoc/platform';
import { Pool } from 'pg';

export type SecurityEventKind =
  | 'sign-in'
  | 'sign-in-failed'
  | 'sign-in-throttled'
  | 'sign-out'
  | 'session-expired'
  | 'grant-switched'
  | 'password-changed'
  | 'password-change-failed'
  | 'setup-used';

/** auth_security_log: who tried to sign in, from where, and what came of it. Never a password. */
@Injectable()
export class SecurityLog {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async record(kind: SecurityEventKind, e: { username?: string | null; userId?: string | null; ip?: string | null; detail?: string | null }): Promise<void> {
    await this.pool.query('INSERT INTO auth_security_log (at, kind, username, user_id, ip, detail) VALUES ($1, $2, $3, $4, $5, $6)', [
      this.clock.now(),
      kind,
      e.username?.slice(0, 200) ?? null,
      e.userId ?? null,
      e.ip ?? null,
      e.detail ?? null,
    ]);
  }
}
