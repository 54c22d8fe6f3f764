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

  /**
   * Counts the attempt before the password is checked, in the same statement that reads the lock,
   * so that concurrent guesses cannot all pass a check made before any of them failed: beyond the
   * maximum an attempt is refused unchecked. 0: go on; otherwise the seconds to wait.
   */
  async begin(keys: ThrottleKey[]): Promise<number> {
    const now = this.clock.now();
    const windowStart = new Date(now.getTime() - this.config.auth.throttleWindowMs);
    let wait = 0;
    for (const { key, max } of keys) {
      const { rows } = await this.pool.query<{ failures: number; locked_until: Date | null }>(
        `INSERT INTO auth_throttle AS t (key, failures, window_start) VALUES ($1, 1, $2)
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN t.locked_until > $2 THEN t.failures WHEN t.window_start < $3 THEN 1 ELSE t.failures + 1 END,
           window_start = CASE WHEN t.locked_until > $2 THEN t.window_start WHEN t.window_start < $3 THEN $2 ELSE t.window_start END
         RETURNING failures, locked_until`,
        [key, now, windowStart],
      );
      let until = rows[0].locked_until;
      if ((!until || until <= now) && rows[0].failures > max) {
        // Over the maximum: lock it, or find the lock a concurrent attempt has just set.
        until =
          (await this.lock(key, max, now)) ??
          (await this.pool.query<{ locked_until: Date | null }>('SELECT locked_until FROM auth_throttle WHERE key = $1', [key])).rows[0]
            ?.locked_until ??
          null;
      }
      if (until && until > now) wait = Math.max(wait, Math.ceil((until.getTime() - now.getTime()) / 1000));
    }
    return wait;
  }

  /** The attempt failed: keys that reached their maximum are locked for a minute, two, four… */
  async failed(keys: ThrottleKey[]): Promise<void> {
    const now = this.clock.now();
    for (const { key, max } of keys) await this.lock(key, max, now);
    await this.sweep();
  }

  /** A failure outside sign-in (a wrong current password): counted and locked alike. */
  async fail(keys: ThrottleKey[]): Promise<void> {
    await this.begin(keys);
    await this.failed(keys);
  }

  private async lock(key: string, max: number, now: Date): Promise<Date | null> {
    const { rows } = await this.pool.query<{ locked_until: Date }>(
      `UPDATE auth_throttle SET
         locked_until = $2::timestamptz + make_interval(secs => least($4::float8, $3::float8 * power(2, lockouts)) / 1000),
         lockouts = lockouts + 1, failures = 0, window_start = $2
       WHERE key = $1 AND failures >= $5 AND (locked_until IS NULL OR locked_until <= $2)
       RETURNING locked_until`,
      [key, now, this.config.auth.lockBaseMs, MAX_LOCK_MS, max],
    );
    return rows[0]?.locked_until ?? null;
  }

  /** Now and then, keys quiet for a day go (sprayed unknown usernames would otherwise pile up). */
  async sweep(chance = 0.01): Promise<void> {
    if (Math.random() >= chance) return;
    const dayAgo = new Date(this.clock.now().getTime() - 24 * 3_600_000);
    await this.pool.query('DELETE FROM auth_throttle WHERE window_start < $1 AND (locked_until IS NULL OR locked_until < $1)', [dayAgo]);
  }

  /** A success clears the username's count and lock history, and takes its attempt off the address. */
  async succeed(keys: ThrottleKey[]): Promise<void> {
    const [user, ...others] = keys;
    await this.pool.query('DELETE FROM auth_throttle WHERE key = $1', [user.key]);
    for (const { key } of others)
      await this.pool.query('UPDATE auth_throttle SET failures = greatest(failures - 1, 0) WHERE key = $1', [key]);
  }
}
