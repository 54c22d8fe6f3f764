import { Inject, Injectable } from '@nestjs/common';
import { Actor, ROLES, Role } from '@dondoc/domain/shared';
import { APP_CONFIG, AppConfig } from '@dondoc/platform';
import jwt, { JwtHeader, JwtPayload } from 'jsonwebtoken';
import { KeyObject, createSecretKey } from 'node:crypto';
import { JwksClient } from 'jwks-rsa';
import { unauthorized } from '../api-error';

const unauthenticated = (message: string) => unauthorized('UNAUTHENTICATED', message);

/** Three base64url segments: jsonwebtoken would also take `+`, `/` and `=` padding. */
const COMPACT_JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
/** Clocks of the issuer and of this server may differ by this much. */
export const CLOCK_SKEW_SECONDS = 60;

/**
 * Bearer tokens: HS256 with JWT_SECRET, or RS256 from the identity provider's JWKS. The algorithm
 * list is fixed, so `alg: none` and algorithm-confusion tokens fail verification. A token must
 * carry `exp`, live at most JWT_MAX_LIFETIME_HOURS (default 24) and not be issued in the future.
 */
@Injectable()
export class TokenVerifier {
  private readonly jwks?: JwksClient;
  /** The HS256 secret as a key object, made once: given a string, jsonwebtoken first tries (and
   * fails) to parse it as a public key on every request, which cost more than the rest of a read. */
  private readonly secretKey?: KeyObject;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.jwtJwksUrl) this.jwks = new JwksClient({ jwksUri: config.jwtJwksUrl, cache: true, rateLimit: true });
    if (config.jwtSecret) this.secretKey = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
  }

  async verify(authorization: string | undefined): Promise<Actor> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) throw unauthenticated('a Bearer token is required');
    const token = match[1];
    if (!COMPACT_JWT.test(token)) throw unauthenticated('the token is malformed (three base64url parts expected)');
    const decoded = jwt.decode(token, { complete: true });
    if (!decoded || typeof decoded.payload === 'string') throw unauthenticated('the token is malformed');
    const payload = await this.verifySignature(token, decoded.header);
    this.checkLifetime(payload);
    const role = payload.role as Role;
    if (typeof payload.sub !== 'string' || !payload.sub) throw unauthenticated('the token has no subject');
    if (!ROLES.includes(role)) throw unauthenticated('the token has no valid role');
    if (typeof payload.office !== 'string' || !payload.office) throw unauthenticated('the token names no office');
    return { userId: payload.sub, name: typeof payload.name === 'string' ? payload.name : undefined, role, office: payload.office };
  }

  /** exp is required; iat, when given, is not in the future; exp − (iat or now) ≤ the maximum. */
  private checkLifetime(payload: JwtPayload): void {
    const now = Math.floor(Date.now() / 1000);
    if (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp)) throw unauthenticated('the token has no expiry (exp)');
    if (payload.iat !== undefined && (typeof payload.iat !== 'number' || payload.iat > now + CLOCK_SKEW_SECONDS)) {
      throw unauthenticated('the token is issued in the future (iat)');
    }
    const maxSeconds = this.config.jwtMaxLifetimeHours * 3600;
    const lifetime = payload.exp - (typeof payload.iat === 'number' ? Math.min(payload.iat, now) : now);
    if (lifetime > maxSeconds + CLOCK_SKEW_SECONDS)
      throw unauthenticated(`the token lives longer than ${this.config.jwtMaxLifetimeHours} h (JWT_MAX_LIFETIME_HOURS)`);
  }

  private async verifySignature(token: string, header: JwtHeader): Promise<JwtPayload> {
    try {
      if (header.alg === 'RS256' && this.jwks) {
        const key = await this.jwks.getSigningKey(header.kid);
        return jwt.verify(token, key.getPublicKey(), { algorithms: ['RS256'], clockTolerance: CLOCK_SKEW_SECONDS }) as JwtPayload;
      }
      if (!this.secretKey) throw new Error('no secret');
      return jwt.verify(token, this.secretKey, { algorithms: ['HS256'], clockTolerance: CLOCK_SKEW_SECONDS }) as JwtPayload;
    } catch (e) {
      const expired = e instanceof jwt.TokenExpiredError;
      throw unauthenticated(expired ? 'the token has expired' : 'the token signature is not valid');
    }
  }
}

/** For tests, the demo and `npm run token`. */
export function signToken(secret: string, claims: { sub: string; role: Role; office: string; name?: string }, expiresIn = '12h'): string {
  return jwt.sign(claims, secret, { algorithm: 'HS256', expiresIn: expiresIn as jwt.SignOptions['expiresIn'] });
}
