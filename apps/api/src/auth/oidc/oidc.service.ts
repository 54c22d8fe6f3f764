import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, DomainError, forbidden, notFound } from '@dondoc/domain/shared';
import type { UserEntity } from '@dondoc/read-models/users/user.entity';
import { UserQuery } from '@dondoc/read-models/users/user.query';
import { ConsistencyService } from '@dondoc/read-models/projection/consistency.service';
import { APP_CONFIG, AppConfig, OidcConfig, PG_POOL } from '@dondoc/platform';
import * as client from 'openid-client';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { RequestContext } from '../../application/request-context';
import { UsersService } from '../../users/users.service';
import { UserRegistry } from '../user-registry';
import { ApiError } from '../../http/api-error';

/** A login started more than this long ago is refused at the callback. */
const STATE_TTL_MS = 10 * 60_000;
const SSO_ACTOR = { userId: 'single-sign-on', role: 'admin' as const, office: 'ROOT', name: 'Đăng nhập một lần (SSO)' };

/**
 * OpenID Connect, authorization code flow with PKCE (openid-client). The state, nonce and code
 * verifier wait in auth_oidc_states between the redirect and the callback, so any API process can
 * finish a login another began. The provider's person is linked to a registered user by subject
 * (= the username) or by e-mail; OIDC_AUTO_REGISTER=1 registers an unknown one, with no grants.
 */
@Injectable()
export class OidcService {
  private configuration?: Promise<client.Configuration>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly users: UserQuery,
    private readonly usersService: UsersService,
    private readonly registry: UserRegistry,
    private readonly consistency: ConsistencyService,
  ) {}

  private get settings(): OidcConfig {
    const oidc = this.config.auth.oidc;
    if (!oidc)
      throw notFound('OIDC_NOT_CONFIGURED', 'single sign-on is not configured (OIDC_ISSUER_URL, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET)');
    return oidc;
  }

  private discover(): Promise<client.Configuration> {
    const oidc = this.settings;
    // Plain HTTP only for a provider on this machine (tests, a local provider); https otherwise.
    const loopback = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(oidc.issuer);
    this.configuration ??= client
      .discovery(
        new URL(oidc.issuer),
        oidc.clientId,
        oidc.clientSecret,
        undefined,
        loopback ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((e: unknown) => {
        this.configuration = undefined;
        throw new DomainError(
          'OIDC_PROVIDER_UNAVAILABLE',
          'conflict',
          `the identity provider could not be reached: ${e instanceof Error ? e.message : String(e)}`,
        );
      });
    return this.configuration;
  }

  redirectUri(requestOrigin: string): string {
    return this.settings.redirectUrl ?? `${requestOrigin}/v1/auth/oidc/callback`;
  }

  /** Where to send the browser: the provider's authorization endpoint with state, nonce and S256 challenge. */
  async loginUrl(requestOrigin: string): Promise<string> {
    const configuration = await this.discover();
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    await this.pool.query('DELETE FROM auth_oidc_states WHERE created_at < $1', [new Date(this.clock.now().getTime() - STATE_TTL_MS)]);
    await this.pool.query('INSERT INTO auth_oidc_states (state, code_verifier, nonce, created_at) VALUES ($1, $2, $3, $4)', [
      state,
      verifier,
      nonce,
      this.clock.now(),
    ]);
    return client
      .buildAuthorizationUrl(configuration, {
        redirect_uri: this.redirectUri(requestOrigin),
        scope: 'openid email profile',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      })
      .toString();
  }

  /** The callback: the code exchanged (PKCE, state and nonce checked), the person linked to a user. */
  async finish(currentUrl: URL): Promise<UserEntity> {
    const configuration = await this.discover();
    const state = currentUrl.searchParams.get('state') ?? '';
    const { rows } = await this.pool.query<{ code_verifier: string; nonce: string; created_at: Date }>(
      'DELETE FROM auth_oidc_states WHERE state = $1 RETURNING code_verifier, nonce, created_at',
      [state],
    );
    const pending = rows[0];
    if (!pending || this.clock.now().getTime() - pending.created_at.getTime() > STATE_TTL_MS) {
      throw new ApiError('OIDC_STATE_INVALID', 'unauthorized', 'this sign-in was not started here, or too long ago: start again');
    }
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: pending.code_verifier,
        expectedState: state,
        expectedNonce: pending.nonce,
      });
    } catch (e) {
      throw new ApiError(
        'OIDC_SIGN_IN_FAILED',
        'unauthorized',
        `the identity provider did not confirm the sign-in: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    const idClaims = tokens.claims()!;
    const info = idClaims.email
      ? idClaims
      : { ...idClaims, ...(await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub)) };
    const email = typeof info.email === 'string' && info.email_verified !== false ? info.email : null;
    const user = await this.link(idClaims.sub, email, info);
    if (user.status !== 'active') throw new ApiError('USER_DISABLED', 'unauthorized', 'this account is disabled');
    return user;
  }

  private async link(sub: string, email: string | null, info: Record<string, unknown>): Promise<UserEntity> {
    const bySubject = await this.users.findByUsername(sub);
    if (bySubject) return bySubject;
    if (email) {
      const byEmail = await this.users.findByEmail(email);
      if (byEmail.length === 1) return byEmail[0];
    }
    if (!this.settings.autoRegister) {
      throw forbidden(
        'OIDC_USER_NOT_LINKED',
        'the identity provider knows you, but no Dondoc user is linked to you (by username or e-mail): ask an admin to register you',
      );
    }
    const preferred = typeof info.preferred_username === 'string' ? info.preferred_username : (email?.split('@')[0] ?? sub);
    const base =
      preferred
        .replace(/[^A-Za-z0-9._@-]/g, '')
        .replace(/^[^A-Za-z0-9]+/, '')
        .slice(0, 56) || 'sso';
    const now = this.clock.now();
    const ctx: RequestContext = { actor: SSO_ACTOR, occurredAt: now, recordedAt: now, correlationId: `oidc-${now.getTime()}` };
    const name = typeof info.name === 'string' && info.name.trim() ? info.name : preferred;
    for (const username of [base.length >= 3 ? base : `sso-${base}`, `${base}-${randomBytes(3).toString('hex')}`]) {
      try {
        const { id, written } = await this.usersService.register({ username, name, grants: [], ...(email ? { email } : {}) }, ctx, true);
        for (const w of written) if (w.position) await this.consistency.waitFor(w.position);
        this.registry.forget(id);
        return (await this.users.find(id)) ?? this.fail(id);
      } catch (e) {
        if (!(e instanceof DomainError && e.code === 'USERNAME_TAKEN')) throw e;
      }
    }
    throw new DomainError('OIDC_AUTO_REGISTER_FAILED', 'conflict', 'could not choose a free username for you: ask an admin');
  }

  private fail(id: string): never {
    throw new DomainError('USER_NOT_PROJECTED', 'conflict', `user ${id} was registered but is not readable yet: sign in again`);
  }
}
