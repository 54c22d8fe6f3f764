/**
 * Sign-in and session settings (docs/SECURITY.md). Parsed with the rest of the configuration, so a
 * bad value stops start-up with one line naming the variable.
 */
export interface AuthConfig {
  /** A session unused this long ends (SESSION_IDLE_MINUTES, default 30). */
  sessionIdleMs: number;
  /** A session ends this long after sign-in whatever its use (SESSION_ABSOLUTE_HOURS, default 12). */
  sessionAbsoluteMs: number;
  /** `Secure` on the cookies: auto (when the request came over HTTPS), always, never. */
  cookieSecure: 'auto' | 'always' | 'never';
  /** Failures within `throttleWindowMs` before a username (or an address) is locked. */
  maxFailuresPerUser: number;
  maxFailuresPerIp: number;
  throttleWindowMs: number;
  /** The first lock; each further one doubles, up to an hour. */
  lockBaseMs: number;
  /** How long a bearer token's user check may be answered from memory (at most 5 s). */
  userCacheMs: number;
  /** Single sign-on: set when OIDC_ISSUER_URL, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are. */
  oidc: OidcConfig | null;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** OIDC_AUTO_REGISTER=1: a person the provider vouches for but no user matches is registered, with no grants. */
  autoRegister: boolean;
  /** OIDC_REDIRECT_URL; default: this server's /v1/auth/oidc/callback as the request reached it. */
  redirectUrl?: string;
}

type Env = Record<string, string | undefined>;

export class AuthConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

function whole(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new AuthConfigError(name, `must be a whole number from ${min} to ${max} (got "${raw}")`);
  return n;
}

export function loadAuthConfig(env: Env): AuthConfig {
  const secure = env.SESSION_COOKIE_SECURE?.trim() || 'auto';
  if (!['auto', 'always', 'never'].includes(secure))
    throw new AuthConfigError('SESSION_COOKIE_SECURE', `must be auto, always or never (got "${secure}")`);
  return {
    sessionIdleMs: whole(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60) * 60_000,
    sessionAbsoluteMs: whole(env, 'SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 30) * 3_600_000,
    cookieSecure: secure as AuthConfig['cookieSecure'],
    maxFailuresPerUser: whole(env, 'SIGN_IN_MAX_FAILURES', 5, 1, 1000),
    maxFailuresPerIp: whole(env, 'SIGN_IN_MAX_FAILURES_PER_IP', 20, 1, 100_000),
    throttleWindowMs: 15 * 60_000,
    lockBaseMs: 60_000,
    userCacheMs: whole(env, 'USER_CACHE_MS', 5000, 0, 5000),
    oidc: oidcConfig(env),
  };
}

function oidcConfig(env: Env): OidcConfig | null {
  const issuer = env.OIDC_ISSUER_URL?.trim();
  const clientId = env.OIDC_CLIENT_ID?.trim();
  const clientSecret = env.OIDC_CLIENT_SECRET?.trim();
  if (!issuer && !clientId && !clientSecret) return null;
  for (const [name, value] of [
    ['OIDC_ISSUER_URL', issuer],
    ['OIDC_CLIENT_ID', clientId],
    ['OIDC_CLIENT_SECRET', clientSecret],
  ] as const) {
    if (!value) throw new AuthConfigError(name, 'is required with the other OIDC_ settings');
  }
  for (const name of ['OIDC_ISSUER_URL', 'OIDC_REDIRECT_URL'] as const) {
    const raw = env[name]?.trim();
    if (!raw) continue;
    try {
      if (!['http:', 'https:'].includes(new URL(raw).protocol)) throw new Error();
    } catch {
      throw new AuthConfigError(name, 'is not an http(s) URL');
    }
  }
  return {
    issuer: issuer!,
    clientId: clientId!,
    clientSecret: clientSecret!,
    autoRegister: ['1', 'true', 'yes'].includes((env.OIDC_AUTO_REGISTER ?? '').toLowerCase()),
    redirectUrl: env.OIDC_REDIRECT_URL?.trim() || undefined,
  };
}
