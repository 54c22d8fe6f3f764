import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, Role } from '@dondoc/domain/shared';
import type { Grant } from '@dondoc/domain/user';
import { APP_CONFIG, AppConfig, PG_POOL } from '@dondoc/platform';
import { createHash, randomBytes } from 'node:crypto';
import { Pool } from 'pg';

export interface SessionRow {
  idHash: string;
  userId: string;
  grant: Grant | null;
  method: 'password' | 'oidc';
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
}

export type SessionLookup = { session: SessionRow } | { expired: 'idle' | 'absolute' | 'ended' } | null;

const hashOf = (id: string) => createHash('sha256').update(id).digest('hex');
/** Touch the row at most this often: a read does not become a write on every request. */
const TOUCH_EVERY_MS = 30_000;

/** Sessions in PostgreSQL: an opaque 256-bit id in the cookie, its hash in auth_sessions. */
@Injectable()
export class SessionStore {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(userId: string, grant: Grant | null, method: SessionRow['method'] = 'password'): Promise<{ id: string; csrfToken: string }> {
    const id = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const now = this.clock.now();
    await this.pool.query(
      'INSERT INTO auth_sessions (id_hash, user_id, role, office, csrf_token, method, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)',
      [hashOf(id), userId, grant?.role ?? null, grant?.office ?? null, csrfToken, method, now],
    );
    // Now and then, sessions over for 30 days go: the security log keeps the sign-ins.
    if (Math.random() < 0.01) {
      await this.pool.query('DELETE FROM auth_sessions WHERE coalesce(ended_at, created_at) < $1', [
        new Date(now.getTime() - this.config.auth.sessionAbsoluteMs - 30 * 86_400_000),
      ]);
    }
    return { id, csrfToken };
  }

  /** The live session for a cookie value; an idle or too old one is ended on the way. */
  async find(id: string): Promise<SessionLookup> {
    const { rows } = await this.pool.query<{
      id_hash: string;
      user_id: string;
      role: Role | null;
      office: string | null;
      csrf_token: string;
      method: SessionRow['method'];
      created_at: Date;
      last_seen_at: Date;
      ended_at: Date | null;
    }>('SELECT * FROM auth_sessions WHERE id_hash = $1', [hashOf(id)]);
    const r = rows[0];
    if (!r) return null;
    if (r.ended_at) return { expired: 'ended' };
    const now = this.clock.now().getTime();
    const expired =
      now - r.created_at.getTime() > this.config.auth.sessionAbsoluteMs
        ? 'absolute'
        : now - r.last_seen_at.getTime() > this.config.auth.sessionIdleMs
          ? 'idle'
          : null;
    if (expired) {
      await this.endByHash(r.id_hash, expired);
      return { expired };
    }
    if (now - r.last_seen_at.getTime() > TOUCH_EVERY_MS) {
      await this.pool.query('UPDATE auth_sessions SET last_seen_at = $2 WHERE id_hash = $1 AND ended_at IS NULL', [
        r.id_hash,
        new Date(now),
      ]);
    }
    return {
      session: {
        idHash: r.id_hash,
        userId: r.user_id,
        grant: r.role && r.office ? { role: r.role, office: r.office } : null,
        method: r.method,
        csrfToken: r.csrf_token,
        createdAt: r.created_at,
        lastSeenAt: r.last_seen_at,
      },
    };
  }

  async end(id: string, reason: string): Promise<void> {
    await this.endByHash(hashOf(id), reason);
  }

  async endByHash(idHash: string, reason: string): Promise<void> {
    await this.pool.query('UPDATE auth_sessions SET ended_at = $2, ended_reason = $3 WHERE id_hash = $1 AND ended_at IS NULL', [
      idHash,
      this.clock.now(),
      reason,
    ]);
  }

  /** Every session of a user but (optionally) one: after a password change or a reset. */
  async endAllOf(userId: string, reason: string, exceptHash?: string): Promise<void> {
    await this.pool.query(
      'UPDATE auth_sessions SET ended_at = $2, ended_reason = $3 WHERE user_id = $1 AND ended_at IS NULL AND id_hash IS DISTINCT FROM $4',
      [userId, this.clock.now(), reason, exceptHash ?? null],
    );
  }
}
