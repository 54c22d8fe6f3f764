import { ConfigError, loadConfig } from './app-config';

describe('loadConfig: JWT_SECRET with DATABASE_URL', () => {
  const DATABASE_URL = 'postgres://dondoc@db.example/dondoc';

  it('is required where tokens are verified (the default process, the API alone)', () => {
    expect(() => loadConfig({ DATABASE_URL })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL, DONDOC_ROLE: 'api' })).toThrow(/^JWT_SECRET: is required/);
  });

  it('is not asked of the worker alone, which verifies no token', () => {
    expect(loadConfig({ DATABASE_URL, DONDOC_ROLE: 'worker' })).toMatchObject({ databaseUrl: DATABASE_URL, role: 'worker', jwtSecret: undefined });
  });
});

describe('FILE_STORE (issue 18)', () => {
  const base = { DATABASE_URL: 'postgres://x@h/db', JWT_SECRET: 'x'.repeat(32) };
  it('defaults to postgres; s3 needs S3_BUCKET and both keys or neither, each named', () => {
    expect(loadConfig(base).fileStore).toBe('postgres');
    expect(() => loadConfig({ ...base, FILE_STORE: 'disk' })).toThrow(/^FILE_STORE: must be one of postgres, s3/);
    expect(() => loadConfig({ ...base, FILE_STORE: 's3' })).toThrow(/^S3_BUCKET: is required/);
    expect(() => loadConfig({ ...base, FILE_STORE: 's3', S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'k' })).toThrow(/^S3_SECRET_ACCESS_KEY:/);
    expect(loadConfig({ ...base, FILE_STORE: 's3', S3_BUCKET: 'b', S3_ENDPOINT: 'http://127.0.0.1:9000' }).s3).toEqual({ bucket: 'b', region: 'us-east-1', endpoint: 'http://127.0.0.1:9000', prefix: '' });
  });
});
