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

  async record(
    kind: SecurityEventKind,
    e: { username?: string | null; userId?: string | null; ip?: string | null; detail?: string | null },
  ): Promise<void> {
    await this.pool.query('INSERT INTO auth_security_log (at, kind, username, user_id, ip, detail) VALUES ($1, $2, $3, $4, $5, $6)', [
      this.clock.now(),
      kind,
      e.username?.slice(0, 200) ?? null,
      e.userId ?? null,
      e.ip ?? null,
      e.detail ?? null,
    ]);
  }

  /** Newest first; `before` (an entry's id) pages further back. */
  async list(f: { kinds: SecurityEventKind[] | null; limit: number; before?: string }): Promise<SecurityLogEntry[]> {
    const { rows } = await this.pool.query(
      `SELECT id::text, at, kind, username, user_id AS "userId", ip, detail FROM auth_security_log
        WHERE ($1::text[] IS NULL OR kind = ANY($1)) AND ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $3`,
      [f.kinds, f.before ?? null, f.limit],
    );
    return rows as SecurityLogEntry[];
  }
}

export interface SecurityLogEntry {
  id: string;
  at: Date;
  kind: SecurityEventKind;
  username: string | null;
  userId: string | null;
  ip: string | null;
  detail: string | null;
}

export const SECURITY_EVENT_KINDS: readonly SecurityEventKind[] = [
  'sign-in',
  'sign-in-failed',
  'sign-in-throttled',
  'sign-out',
  'session-expired',
  'grant-switched',
  'password-changed',
  'password-change-failed',
  'setup-used',
];
