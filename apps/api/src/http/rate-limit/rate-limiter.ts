import { Inject, Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig, RateLimit } from '@dondoc/platform';
import { EdgeError } from '../edge.error';

/**
 * RATE_LIMIT, per client IP (before the token is read) and per token subject (after): a sliding
 * window kept by @nestjs/throttler's storage, one count across all routes. Over the limit: 429
 * RATE_LIMITED with Retry-After, until the oldest counted request leaves the window.
 */
@Injectable()
export class RateLimiter {
  private readonly limits: RateLimit | null;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage,
  ) {
    this.limits = config.rateLimit;
  }

  async hit(kind: keyof RateLimit, tracker: string): Promise<void> {
    const rule = this.limits?.[kind];
    if (!rule) return;
    const record = await this.storage.increment(`${kind}:${tracker}`, rule.windowMs, rule.limit, 0, kind);
    if (!record.isBlocked) return;
    const per = kind === 'ip' ? 'client address' : 'token subject';
    throw new EdgeError(
      429,
      'RATE_LIMITED',
      `more than ${rule.limit} requests in ${rule.windowMs / 1000} s from this ${per} (RATE_LIMIT); retry later`,
      undefined,
      Math.max(1, record.timeToBlockExpire),
    );
  }
}
