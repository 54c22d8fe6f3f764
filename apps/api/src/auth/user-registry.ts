import { Inject, Injectable } from '@nestjs/common';
import { UserEntity } from '@dondoc/read-models/users/user.entity';
import { UserQuery } from '@dondoc/read-models/users/user.query';
import { APP_CONFIG, AppConfig } from '@dondoc/platform';

/**
 * rm_users as each request sees it: a row is kept at most USER_CACHE_MS (≤ 5 s), and this
 * process's own writes drop it at once, so a disable or a revoke here is felt by the next request;
 * another process feels it within the cache time.
 */
@Injectable()
export class UserRegistry {
  private readonly cache = new Map<string, { at: number; user: UserEntity | null }>();

  constructor(
    private readonly users: UserQuery,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(id: string): Promise<UserEntity | null> {
    const hit = this.cache.get(id);
    const now = Date.now();
    if (hit && now - hit.at < this.config.auth.userCacheMs) return hit.user;
    const user = await this.users.find(id);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(id, { at: now, user });
    return user;
  }

  forget(id: string): void {
    this.cache.delete(id);
  }
}
