import { ConfigError, loadConfig } from './app-config';

describe('loadConfig: JWT_SECRET with DATABASE_URL', () => {
  const DATABASE_URL = 'postgres://dondoc@db.example/dondoc';

  it('is required where tokens are verified (the default process, the API alone)', () => {
    expect(() => loadConfig({ DATABASE_URL })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL, DONDOC_ROLE: 'api' })).toThrow(/^JWT_SECRET: is required/);
  });

  it('is not asked of the worker alone, which verifies no token', () => {
    expect(loadConfig({ DATABASE_URL, DONDOC_ROLE: 'worker' })).toMatchObject({
      databaseUrl: DATABASE_URL,
      role: 'worker',
      jwtSecret: undefined,
    });
  });
});

describe('loadConfig: the edge (RATE_LIMIT, JWT_MAX_LIFETIME_HOURS, METRICS_*)', () => {
  const base = { JWT_SECRET: 'x'.repeat(40) };
  it('RATE_LIMIT defaults to 6000 a minute per IP and 1200 per subject; "off" turns it off', () => {
    expect(loadConfig(base).rateLimit).toEqual({ ip: { limit: 6000, windowMs: 60_000 }, subject: { limit: 1200, windowMs: 60_000 } });
    expect(loadConfig({ ...base, RATE_LIMIT: 'off' }).rateLimit).toBeNull();
  });
  it('RATE_LIMIT takes "N/W" for both, or ip= and subject= parts (the other keeps its default)', () => {
    expect(loadConfig({ ...base, RATE_LIMIT: '100/10s' }).rateLimit).toEqual({
      ip: { limit: 100, windowMs: 10_000 },
      subject: { limit: 100, windowMs: 10_000 },
    });
    expect(loadConfig({ ...base, RATE_LIMIT: 'subject=50/1h' }).rateLimit).toEqual({
      ip: { limit: 6000, windowMs: 60_000 },
      subject: { limit: 50, windowMs: 3_600_000 },
    });
  });
  it.each(['fast', '0/1m', '10/1d', 'user=5/1m', 'ip=5'])('a malformed RATE_LIMIT (%s) stops start-up naming it', (value) => {
    expect(() => loadConfig({ ...base, RATE_LIMIT: value })).toThrow(/^RATE_LIMIT: must be "off" or like/);
  });
  it('JWT_MAX_LIFETIME_HOURS is 24 unless set; METRICS_TOKEN is long enough; METRICS_PORT a port', () => {
    expect(loadConfig(base).jwtMaxLifetimeHours).toBe(24);
    expect(loadConfig({ ...base, JWT_MAX_LIFETIME_HOURS: '168' }).jwtMaxLifetimeHours).toBe(168);
    expect(() => loadConfig({ ...base, JWT_MAX_LIFETIME_HOURS: '0' })).toThrow(/^JWT_MAX_LIFETIME_HOURS/);
    expect(() => loadConfig({ ...base, METRICS_TOKEN: 'short' })).toThrow(/^METRICS_TOKEN/);
    expect(() => loadConfig({ ...base, METRICS_PORT: 'x' })).toThrow(/^METRICS_PORT/);
    expect(loadConfig({ ...base, METRICS_PORT: '9464' }).metricsPort).toBe(9464);
    expect(loadConfig(base).metricsPort).toBeUndefined();
  });
});

describe('FILE_STORE (issue 18)', () => {
  const base = { DATABASE_URL: 'postgres://x@h/db', JWT_SECRET: 'x'.repeat(32) };
  it('defaults to postgres; s3 needs S3_BUCKET and both keys or neither, each named', () => {
    expect(loadConfig(base).fileStore).toBe('postgres');
    expect(() => loadConfig({ ...base, FILE_STORE: 'disk' })).toThrow(/^FILE_STORE: must be one of postgres, s3/);
    expect(() => loadConfig({ ...base, FILE_STORE: 's3' })).toThrow(/^S3_BUCKET: is required/);
    expect(() => loadConfig({ ...base, FILE_STORE: 's3', S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'k' })).toThrow(/^S3_SECRET_ACCESS_KEY:/);
    expect(loadConfig({ ...base, FILE_STORE: 's3', S3_BUCKET: 'b', S3_ENDPOINT: 'http://127.0.0.1:9000' }).s3).toEqual({
      bucket: 'b',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9000',
      prefix: '',
    });
  });
});

describe('READ_DATABASE_URL and DB_PREPARED_STATEMENTS (issue 21)', () => {
  const base = { DATABASE_URL: 'postgres://dondoc@db.example/dondoc', JWT_SECRET: 'x'.repeat(40) };
  it('a replica is optional, a PostgreSQL URL, and needs DATABASE_URL', () => {
    expect(loadConfig(base).readDatabaseUrl).toBeUndefined();
    expect(loadConfig({ ...base, READ_DATABASE_URL: 'postgres://dondoc@replica.example/dondoc' }).readDatabaseUrl).toBe(
      'postgres://dondoc@replica.example/dondoc',
    );
    expect(() => loadConfig({ ...base, READ_DATABASE_URL: 'mysql://replica.example/dondoc' })).toThrow(
      /^READ_DATABASE_URL: must start with postgres:/,
    );
    expect(() => loadConfig({ READ_DATABASE_URL: 'postgres://replica.example/dondoc' })).toThrow(/^READ_DATABASE_URL: needs DATABASE_URL/);
  });
  it('named statements are on unless DB_PREPARED_STATEMENTS=off', () => {
    expect(loadConfig(base).dbPreparedStatements).toBe(true);
    expect(loadConfig({ ...base, DB_PREPARED_STATEMENTS: 'off' }).dbPreparedStatements).toBe(false);
    expect(() => loadConfig({ ...base, DB_PREPARED_STATEMENTS: 'no' })).toThrow(/^DB_PREPARED_STATEMENTS: must be one of on, off/);
  });
});
