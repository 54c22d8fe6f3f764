import { Inject, Injectable } from '@nestjs/common';
import { Actor, forbidden } from '@dondoc/domain/shared';
import { sameGrant } from '@dondoc/domain/user';
import type { UserEntity } from '@dondoc/read-models/users/user.entity';
import { APP_CONFIG, AppConfig } from '@dondoc/platform';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { TokenVerifier } from '../../http/auth/token-verifier';
import { SecurityLog } from '../sign-in/security-log';
import { UserRegistry } from '../user-registry';
import { CSRF_HEADER, SESSION_COOKIE, readCookie } from './session-cookies';
import { SessionRow, SessionStore } from './session-store';
import { unauthorized } from '../../http/api-error';

export const AUTH_KEY = 'dondocAuth';

/** How the request was authenticated, for the /v1/auth routes. */
export type Authentication =
  { kind: 'session'; cookie: string; session: SessionRow; user: UserEntity } | { kind: 'bearer'; user: UserEntity | null };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Routes a session reaches without an active grant or before the forced password change. */
const isAuthRoute = (path: string) => path.startsWith('/v1/auth/');

/**
 * A bearer token (integrations, `npm run token`) or the session cookie (the web app). Either way a
 * registered user who is disabled, or no longer holds the grant acted under, is refused.
 */
@Injectable()
export class RequestAuthenticator {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly sessions: SessionStore,
    private readonly registry: UserRegistry,
    private readonly log: SecurityLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async authenticate(request: Request & Record<string, unknown>): Promise<Actor | undefined> {
    const authorization = request.headers.authorization;
    const cookie = readCookie(request, SESSION_COOKIE);
    if (authorization || !cookie) {
      const actor = await this.verifier.verify(authorization);
      const user = await this.registry.get(actor.userId);
      if (user) this.requireStanding(user, actor);
      request[AUTH_KEY] = { kind: 'bearer', user } satisfies Authentication;
      return actor;
    }
    const found = await this.sessions.find(cookie);
    if (!found) throw unauthorized('UNAUTHENTICATED', 'the session is not known: sign in again');
    if ('expired' in found) {
      if (found.expired !== 'ended') await this.log.record('session-expired', { detail: found.expired, ip: request.ip });
      throw unauthorized('SESSION_EXPIRED', `the session has ended (${found.expired}): sign in again`);
    }
    const { session } = found;
    const user = await this.registry.get(session.userId);
    if (!user) throw unauthorized('UNAUTHENTICATED', 'the session’s user is not known');
    if (user.status !== 'active' || (session.grant && !user.grants.some((g) => sameGrant(g, session.grant!)))) {
      await this.sessions.endByHash(session.idHash, user.status !== 'active' ? 'disabled' : 'grant-revoked');
      this.requireStanding(user, session.grant ?? user.grants[0]);
    }
    if (!SAFE_METHODS.has(request.method)) this.requireCsrf(request, session);
    request[AUTH_KEY] = { kind: 'session', cookie, session, user } satisfies Authentication;
    if (!isAuthRoute(request.path)) {
      if (user.mustChangePassword && session.method === 'password')
        throw forbidden('PASSWORD_CHANGE_REQUIRED', 'change the one-time password first (POST /v1/auth/password)');
      if (!session.grant) throw forbidden('NO_ACTIVE_GRANT', 'this account holds no grant yet: ask an admin');
    }
    return session.grant ? { userId: user.id, name: user.name, role: session.grant.role, office: session.grant.office } : undefined;
  }

  private requireStanding(user: UserEntity, grant: { role: string; office: string } | undefined): void {
    if (user.status !== 'active') throw unauthorized('USER_DISABLED', 'this account is disabled');
    if (!grant || !user.grants.some((g) => g.role === grant.role && g.office === grant.office)) {
      throw unauthorized('GRANT_REVOKED', `the grant ${grant?.role ?? '?'} of ${grant?.office ?? '?'} is no longer held by this user`);
    }
  }

  private requireCsrf(request: Request, session: SessionRow): void {
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || sent === '')
      throw forbidden('CSRF_TOKEN_MISSING', 'a write with the session cookie needs the X-CSRF-Token header (the dondoc_csrf cookie)');
    const a = Buffer.from(sent);
    const b = Buffer.from(session.csrfToken);
    if (a.length !== b.length || !timingSafeEqual(a, b)) throw forbidden('CSRF_TOKEN_INVALID', 'X-CSRF-Token does not match this session');
  }

  get auth(): AppConfig['auth'] {
    return this.config.auth;
  }
}
