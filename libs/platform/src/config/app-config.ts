import { AuthConfig, AuthConfigError, loadAuthConfig } from './auth-config';

/**
 * Configuration from the environment, checked once at start-up. A mistake stops the process with
 * one line that names the variable (ConfigError), never a stack trace.
 */
export interface AppConfig {
  port: number;
  /** Unset: an embedded PostgreSQL under `dataDir`. */
  databaseUrl?: string;
  /** A streaming replica for report queries and lists (docs/SCALING.md); unset: everything on the primary. */
  readDatabaseUrl?: string;
  dataDir: string;
  jwtSecret?: string;
  jwtJwksUrl?: string;
  eventStore: 'postgres' | 'kurrentdb';
  kurrentdbUrl?: string;
  smtpUrl?: string;
  digestFrom: string;
  digestCron: string;
  consistency: 'strong' | 'eventual';
  /** How long a write waits for its events to be projected under strong consistency. */
  consistencyTimeoutMs: number;
  /** all: API and worker in one process (the default deployment); api or worker alone. */
  role: 'all' | 'api' | 'worker';
  demo: boolean;
  /** A completion or progress report recorded later than this after its business date is flagged. */
  backdatedGraceDays: number;
  /** The worker anchors the log once this many events wait, */
  anchorEveryEvents: number;
  /** or once this many minutes have passed since the last anchor. */
  anchorEveryMinutes: number;
  dueSoonDays: number;
  /** Where people open the web app (links in digests): PUBLIC_URL, else http://localhost:PORT. */
  publicUrl: string;
  healthMaxLagEvents: number;
  logLevel: 'error' | 'warn' | 'log' | 'debug';
  /** Where evidence files' bytes live: PostgreSQL chunks (default) or S3-compatible storage. */
  fileStore: 'postgres' | 's3';
  s3?: S3Config;
  /** A request waits this long for a pooled connection before it is answered 503. */
  dbAcquireTimeoutMs: number;
  /** No statement runs longer. */
  dbStatementTimeoutMs: number;
  /** Named (server-side prepared) statements; off behind PgBouncer older than 1.21 in transaction pooling. */
  dbPreparedStatements: boolean;
  /** An Idempotency-Key's answer is kept this long. */
  idempotencyTtlHours: number;
  /** A token may live at most this long (exp − iat, or exp − now without iat). */
  jwtMaxLifetimeHours: number;
  /** Requests per window per client IP and per token subject; null: RATE_LIMIT=off. */
  rateLimit: RateLimit | null;
  /** Express's `trust proxy`: which X-Forwarded-For hops name the client (for the per-IP limit). */
  trustProxy: boolean | number | string;
  /** /metrics on this port only (not on the main one). */
  metricsPort?: number;
  /** Or /metrics on the main port with `Authorization: Bearer <METRICS_TOKEN>`. */
  metricsToken?: string;
  /** Sessions, sign-in throttle (auth-config.ts). */
  auth: AuthConfig;
}

export interface S3Config {
  bucket: string;
  region: string;
  /** Unset: AWS itself; set for MinIO, Ceph, Garage… (path-style addressing). */
  endpoint?: string;
  /** Unset: the SDK's own chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, profile, instance role). */
  accessKeyId?: string;
  secretAccessKey?: string;
  prefix: string;
}

export interface RateLimit {
  ip: { limit: number; windowMs: number };
  subject: { limit: number; windowMs: number };
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = env[name]?.trim() || fallback;
  if (!allowed.includes(value as T)) throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

function integer(env: Env, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(name, `must be a whole number from ${min} to ${max} (got "${raw}")`);
  return n;
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a URL`);
  }
  if (!protocols.includes(parsed.protocol)) throw new ConfigError(name, `must start with ${protocols.join(' or ')}`);
  return raw;
}

const WINDOW_UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000 };
/** Generous by default: an integration's burst of 100 concurrent requests passes many times over. */
export const DEFAULT_RATE_LIMIT = 'ip=6000/1m,subject=1200/1m';

/**
 * RATE_LIMIT: `off`, or `ip=N/W,subject=N/W` (either part alone; the other keeps its default),
 * or `N/W` for both, where W is a window such as `10s`, `1m` or `1h`.
 */
export function parseRateLimit(raw: string | undefined): RateLimit | null {
  const text = raw?.trim() || DEFAULT_RATE_LIMIT;
  if (text.toLowerCase() === 'off') return null;
  const bad = () => new ConfigError('RATE_LIMIT', `must be "off" or like "${DEFAULT_RATE_LIMIT}" (got "${text}")`);
  const rate = (part: string) => {
    const m = /^(\d{1,9})\/(\d{0,6})([smh])$/.exec(part.trim());
    if (!m || Number(m[1]) < 1) throw bad();
    return { limit: Number(m[1]), windowMs: (m[2] ? Number(m[2]) : 1) * WINDOW_UNITS[m[3]] };
  };
  const defaults = { ip: rate('6000/1m'), subject: rate('1200/1m') };
  if (!text.includes('=')) return { ip: rate(text), subject: rate(text) };
  const result = { ...defaults };
  for (const part of text.split(',')) {
    const [key, value] = part.split('=').map((p) => p.trim());
    if ((key !== 'ip' && key !== 'subject') || !value) throw bad();
    result[key] = rate(value);
  }
  return result;
}

function trustProxy(raw: string | undefined): boolean | number | string {
  const text = raw?.trim();
  if (!text || text === 'false') return false;
  if (text === 'true') return true;
  if (/^\d{1,2}$/.test(text)) return Number(text);
  return text; // loopback, a subnet list: express checks it
}

const CRON_FIELD = /^[\d*,/-]+$/;

export function loadConfig(env: Env = process.env): AppConfig {
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const readDatabaseUrl = url(env, 'READ_DATABASE_URL', ['postgres:', 'postgresql:']);
  if (readDatabaseUrl && !databaseUrl)
    throw new ConfigError('READ_DATABASE_URL', 'needs DATABASE_URL (a replica of the embedded database cannot be configured)');
  const jwtSecret = env.JWT_SECRET?.trim() || undefined;
  const jwtJwksUrl = url(env, 'JWT_JWKS_URL', ['https:', 'http:']);
  if (jwtSecret && jwtSecret.length < 32) throw new ConfigError('JWT_SECRET', 'must be at least 32 characters');
  const role = oneOf(env, 'DONDOC_ROLE', ['all', 'api', 'worker'] as const, 'all');
  // The worker alone verifies no tokens: it needs the database, not a secret.
  if (databaseUrl && !jwtSecret && !jwtJwksUrl && role !== 'worker') {
    throw new ConfigError('JWT_SECRET', 'is required when DATABASE_URL is set (or set JWT_JWKS_URL)');
  }
  const eventStore = oneOf(env, 'EVENT_STORE', ['postgres', 'kurrentdb'] as const, 'postgres');
  const kurrentdbUrl = env.KURRENTDB_URL?.trim() || undefined;
  if (eventStore === 'kurrentdb' && !kurrentdbUrl) throw new ConfigError('KURRENTDB_URL', 'is required when EVENT_STORE=kurrentdb');
  const digestCron = env.DIGEST_CRON?.trim() || '0 7 * * 1';
  const fields = digestCron.split(/\s+/);
  if ((fields.length !== 5 && fields.length !== 6) || !fields.every((f) => CRON_FIELD.test(f))) {
    throw new ConfigError('DIGEST_CRON', `is not a cron expression (got "${digestCron}")`);
  }
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const metricsToken = env.METRICS_TOKEN?.trim() || undefined;
  if (metricsToken && metricsToken.length < 16) throw new ConfigError('METRICS_TOKEN', 'must be at least 16 characters');
  const metricsPortRaw = env.METRICS_PORT?.trim();
  return {
    port,
    databaseUrl,
    readDatabaseUrl,
    dataDir: env.DATA_DIR?.trim() || '.data',
    jwtSecret,
    jwtJwksUrl,
    eventStore,
    kurrentdbUrl,
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    digestFrom: env.DIGEST_FROM?.trim() || 'Dondoc <dondoc@localhost>',
    digestCron,
    consistency: oneOf(env, 'CONSISTENCY', ['strong', 'eventual'] as const, 'strong'),
    consistencyTimeoutMs: integer(env, 'CONSISTENCY_TIMEOUT_MS', 5000, 0, 60000),
    role,
    demo: ['1', 'true', 'yes'].includes((env.DONDOC_DEMO ?? '').toLowerCase()),
    backdatedGraceDays: integer(env, 'BACKDATED_GRACE_DAYS', 3, 0, 365),
    anchorEveryEvents: integer(env, 'ANCHOR_EVERY_EVENTS', 1000, 1, 1_000_000),
    anchorEveryMinutes: integer(env, 'ANCHOR_EVERY_MINUTES', 10, 1, 24 * 60),
    dueSoonDays: integer(env, 'DUE_SOON_DAYS', 7, 1, 60),
    publicUrl: (url(env, 'PUBLIC_URL', ['https:', 'http:']) ?? `http://localhost:${port || 3000}`).replace(/\/+$/, ''),
    healthMaxLagEvents: integer(env, 'HEALTH_MAX_LAG_EVENTS', 10000, 1),
    logLevel: oneOf(env, 'LOG_LEVEL', ['error', 'warn', 'log', 'debug'] as const, 'log'),
    dbAcquireTimeoutMs: integer(env, 'DB_ACQUIRE_TIMEOUT_MS', 5000, 100, 120_000),
    dbStatementTimeoutMs: integer(env, 'DB_STATEMENT_TIMEOUT_MS', 30_000, 100, 3_600_000),
    dbPreparedStatements: oneOf(env, 'DB_PREPARED_STATEMENTS', ['on', 'off'] as const, 'on') === 'on',
    idempotencyTtlHours: integer(env, 'IDEMPOTENCY_TTL_HOURS', 24, 1, 24 * 30),
    jwtMaxLifetimeHours: integer(env, 'JWT_MAX_LIFETIME_HOURS', 24, 1, 24 * 366),
    rateLimit: parseRateLimit(env.RATE_LIMIT),
    trustProxy: trustProxy(env.TRUST_PROXY),
    metricsPort: metricsPortRaw ? integer(env, 'METRICS_PORT', 0, 0, 65535) : undefined,
    metricsToken,
    auth: authConfig(env),
    ...fileStoreConfig(env),
  };
}

/** FILE_STORE=s3 needs S3_BUCKET; S3_REGION (default us-east-1), S3_ENDPOINT, S3_ACCESS_KEY_ID/S3_SECRET_ACCESS_KEY, S3_PREFIX optional. */
export function fileStoreConfig(env: Env): Pick<AppConfig, 'fileStore' | 's3'> {
  const fileStore = oneOf(env, 'FILE_STORE', ['postgres', 's3'] as const, 'postgres');
  if (fileStore === 'postgres') return { fileStore };
  const bucket = env.S3_BUCKET?.trim();
  if (!bucket) throw new ConfigError('S3_BUCKET', 'is required when FILE_STORE=s3');
  const accessKeyId = env.S3_ACCESS_KEY_ID?.trim() || undefined;
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY?.trim() || undefined;
  if (!!accessKeyId !== !!secretAccessKey)
    throw new ConfigError(
      accessKeyId ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID',
      'give both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither',
    );
  return {
    fileStore,
    s3: {
      bucket,
      region: env.S3_REGION?.trim() || 'us-east-1',
      endpoint: url(env, 'S3_ENDPOINT', ['http:', 'https:']),
      accessKeyId,
      secretAccessKey,
      prefix: env.S3_PREFIX?.trim() ?? '',
    },
  };
}

function authConfig(env: Env): AuthConfig {
  try {
    return loadAuthConfig(env);
  } catch (e) {
    if (e instanceof AuthConfigError) throw new ConfigError(e.variable, e.message.slice(e.variable.length + 2));
    throw e;
  }
}

export const APP_CONFIG = Symbol('AppConfig');
