import { Clock, Role } from '@dondoc/domain/shared';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { RunningApp, startApp } from '../../apps/api/src/bootstrap';
import { signToken } from '../../apps/api/src/http/auth/token-verifier';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

/** A database of this file's own, cloned from the migrated template: no shared projector lease. */
export async function cloneTestDatabase(): Promise<string> {
  const template = new URL(process.env.DONDOC_TEST_TEMPLATE_URL!);
  const name = `e2e_t${process.env.DONDOC_TEST_RUN}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new Client({ connectionString: process.env.DONDOC_TEST_SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template.pathname.slice(1)}`);
  await admin.end();
  template.pathname = `/${name}`;
  return template.toString();
}

export interface TestApp {
  app: RunningApp;
  http: ReturnType<typeof request>;
  databaseUrl: string;
  token(role: Role, office: string, sub?: string): string;
  close(): Promise<void>;
}

/** `clock`: an injected clock for tests where time matters (sessions, throttling). */
export async function startTestApp(env: Record<string, string> = {}, options: { clock?: Clock } = {}): Promise<TestApp> {
  const databaseUrl = await cloneTestDatabase();
  const app = await startApp(
    {
      DATABASE_URL: databaseUrl,
      JWT_SECRET: TEST_JWT_SECRET,
      PORT: '0',
      LOG_LEVEL: 'error',
      // Tests run the real scheduler on the real clock: keep the weekly digest out of their way.
      DIGEST_CRON: '0 7 1 1 *',
      // Suites send hundreds of requests from one address in seconds; the limits have their own test.
      RATE_LIMIT: 'off',
      ...env,
    },
    options,
  );
  return {
    app,
    http: request(app.url),
    databaseUrl,
    token: (role, office, sub = `${role}-${office}`) => signToken(TEST_JWT_SECRET, { sub, role, office }),
    close: () => app.close(),
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
