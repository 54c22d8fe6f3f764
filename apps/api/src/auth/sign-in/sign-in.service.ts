import { Inject, Injectable } from '@nestjs/common';
import { UserEntity } from '@dondoc/read-models/users/user.entity';
import { UserQuery } from '@dondoc/read-models/users/user.query';
import { APP_CONFIG, AppConfig } from '@dondoc/platform';
import { TooManyRequestsError } from '../../http/problem-details.filter';
import { PasswordHasher } from '../password/password-hasher';
import { SecurityLog } from './security-log';
import { SignInThrottle } from './sign-in-throttle';
import { ApiError } from '../../http/api-error';

export const invalidCredentials = () => new ApiError('INVALID_CREDENTIALS', 'unauthorized', 'the username or the password is wrong');

/**
 * Checks a username and password. An unknown user costs the same scrypt as a known one (a dummy
 * hash) and gets the same answer, so neither the answer nor its time tells whether a name exists.
 */
@Injectable()
export class SignInService {
  constructor(
    private readonly users: UserQuery,
    private readonly hasher: PasswordHasher,
    private readonly throttle: SignInThrottle,
    private readonly log: SecurityLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async check(username: string, password: string, ip: string): Promise<UserEntity> {
    const keys = this.throttle.keys(username, ip);
    const wait = await this.throttle.begin(keys);
    if (wait > 0) {
      await this.log.record('sign-in-throttled', { username, ip, detail: `retry after ${wait} s` });
      throw new TooManyRequestsError('SIGN_IN_THROTTLED', `too many failed sign-ins: try again in ${wait} s`, wait);
    }
    const user = await this.users.findByUsername(username);
    const ok = await this.hasher.verify(password, user?.passwordHash ?? null);
    if (!user || !ok) {
      await this.throttle.failed(keys);
      await this.log.record('sign-in-failed', { username, userId: user?.id, ip, detail: user ? 'wrong password' : 'unknown user' });
      throw invalidCredentials();
    }
    if (user.status !== 'active') {
      await this.log.record('sign-in-failed', { username, userId: user.id, ip, detail: 'disabled' });
      throw new ApiError('USER_DISABLED', 'unauthorized', 'this account is disabled');
    }
    await this.throttle.succeed(keys);
    await this.log.record('sign-in', { username, userId: user.id, ip });
    return user;
  }

  get auth(): AppConfig['auth'] {
    return this.config.auth;
  }
}
