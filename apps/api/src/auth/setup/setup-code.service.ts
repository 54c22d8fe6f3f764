import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { UserQuery } from '@dondoc/read-models/users/user.query';
import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * First run: with no users, a one-time code (in memory only: a restart makes a new one) lets
 * whoever runs the server create the first admin through /setup?code=….
 */
@Injectable()
export class SetupCodeService implements OnApplicationBootstrap {
  private code: string | null = null;

  constructor(private readonly users: UserQuery) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.users.count()) === 0) this.code = randomBytes(18).toString('base64url');
  }

  /** The one start-up line, once the server knows its URL; nothing when users exist. */
  async announce(baseUrl: string, print: (line: string) => void = console.log): Promise<void> {
    if (this.code && (await this.users.count()) > 0) this.code = null; // the demo made its users meanwhile
    if (this.code)
      print(
        `First run: no users yet. Create the first admin at ${baseUrl}/setup?code=${this.code} (valid until used or the server restarts; or: npm run user -- create --admin …)`,
      );
  }

  /** True once, for the right code: the code is spent before the caller writes anything. */
  consume(code: string): boolean {
    if (!this.code) return false;
    const a = Buffer.from(code);
    const b = Buffer.from(this.code);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return false;
    this.code = null;
    return true;
  }

  /** Put back when the first admin could not be made for a reason the caller can fix. */
  restore(code: string): void {
    this.code ??= code;
  }
}
