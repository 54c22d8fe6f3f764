import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@dondoc/domain/shared';
import { APP_CONFIG, AppConfig, PG_POOL } from '@dondoc/platform';
import { Pool } from 'pg';

const MAX_LOCK_MS = 60 * 60_000;

export interface ThrottleKey {
  key: string;
  max: number;
}

/**
 * Failed sign-ins counted per username and per address in auth_throttle, so every API process
 * sees the same counts. `max` failures within the window lock the key for a minute, then two,
 * four… up to an hour; a success clears the username's count and its lock history.
 */
@Injectable()
export class SignInThrottle {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  keys(username: string, ip: string): ThrottleKey[] {
    return [
      { key: `user:${username.trim().toLowerCase()}`, max: this.config.auth.maxFailuresPerUser },
      { key: `ip:${ip}`, max: this.config.auth.maxFailuresPerIp },
    ];
  }

  /** Seconds until the first of the keys unlocks; 0 when none is locked. */
  async retryAfter(keys: ThrottleKey[]): Promise<number> {
    const now = this.clock.now();
    const { rows } = await this.pool.query<{ until: Date }>(
      'SELECT max(locked_until) AS until FROM auth_throttle WHERE key = ANY ($1) AND locked_until > $2',
      [keys.map((k) => k.key), now],
    );
    const until = rows[0]?.until;
    return until ? Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)) : 0;
  }

  /** Counts a failure on every key; locks those that reach their maximum. */
  async fail(keys: ThrottleKey[]): Promise<void> {
    const now = this.clock.now();
    const windowStart = new Date(now.getTime() - this.config.auth.throttleWindowMs);
    for (const { key, max } of keys) {
      // One statement: the count and the lock move together even with several processes.
      await this.pool.query(
        `INSERT INTO auth_throttle AS t (key, failures, window_start) VALUES ($1, 1, $2)
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN t.window_start < $3 THEN 1 ELSE t.failures + 1 END,
           window_start = CASE WHEN t.window_start < $3 THEN $2 ELSE t.window_start END`,
        [key, now, windowStart],
      );
      await this.pool.query(
        `UPDATE auth_throttle SET
           locked_until = $2::timestamptz + make_interval(secs => least($4::float8, $3::float8 * power(2, lockouts)) / 1000),
           lockouts = lockouts + 1, failures = 0, window_start = $2
         WHERE key = $1 AND failures >= $5`,
        [key, now, this.config.auth.lockBaseMs, MAX_LOCK_MS, max],
      );
    }
    await this.sweep();
  }

  /** Now and then, keys quiet for a day go (sprayed unknown usernames would otherwise pile up). */
  async sweep(chance = 0.01): Promise<void> {
    if (Math.random() >= chance) return;
    const dayAgo = new Date(this.clock.now().getTime() - 24 * 3_600_000);
    await this.pool.query('DELETE FROM auth_throttle WHERE window_start < $1 AND (locked_until IS NULL OR locked_until < $1)', [dayAgo]);
  }

  async succeed(username: string): Promise<void> {
    await this.pool.query('DELETE FROM auth_throttle WHERE key = $1', [`user:${username.trim().toLowerCase()}`]);
  }
}
