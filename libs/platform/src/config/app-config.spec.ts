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
