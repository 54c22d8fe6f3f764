/**
 * Regenerates docs/examples/digest-sh-nv-2024-W14.{html,txt}: the weekly digest of Phòng Nội vụ
 * (SH-NV) for the Sơn Hà plan (docs/examples/son-ha-2024-remediation-plan.json) as of Monday
 * 01/04/2024 07:00, through the real API on a throwaway embedded PostgreSQL: POST /v1/imports with
 * the fixture, POST /v1/digests/run { week: "2024-W14" }, GET /v1/digests/:id.
 *
 *   node -r @swc-node/register scripts/digest-example.ts [path/to/fixture.json]
 *   chromium --headless --no-sandbox --disable-gpu --screenshot=docs/examples/digest-sh-nv-2024-W14.png \
 *     --window-size=900,1200 file://$PWD/docs/examples/digest-sh-nv-2024-W14.html
 */
import 'reflect-metadata';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startApp } from '../apps/api/src/bootstrap';
import { signToken } from '../apps/api/src/http/auth/token-verifier';
import { startEmbeddedDatabase } from '../libs/platform/src/database/embedded-database';

const SECRET = 'digest-example-secret-0123456789-0123456789';

async function main(): Promise<void> {
  const fixture = resolve(process.argv[2] ?? join(__dirname, '../docs/examples/son-ha-2024-remediation-plan.json'));
  mkdirSync('.data', { recursive: true });
  const dir = mkdtempSync(join('.data', 'digest-example-'));
  const db = await startEmbeddedDatabase({ dir, persistent: false, database: 'dondoc_example' });
  const app = await startApp({ ...process.env, DATABASE_URL: db.url, JWT_SECRET: SECRET, PORT: '0', LOG_LEVEL: 'error', SMTP_URL: '' });
  try {
    const auth = { authorization: `Bearer ${signToken(SECRET, { sub: 'admin-example', role: 'admin', office: 'UBND-QNG' })}` };
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const call = async (method: string, path: string, body?: string): Promise<any> => {
      const res = await fetch(`${app.url}${path}`, { method, headers: { ...auth, 'content-type': 'application/json' }, body });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    await call('POST', '/v1/imports', readFileSync(fixture, 'utf8'));
    const run = await call('POST', '/v1/digests/run', JSON.stringify({ week: '2024-W14' }));
    console.log(`2024-W14: issued ${run.issued.join(', ')}`);
    const digest = await call('GET', '/v1/digests/SH-NV-2024-W14');
    mkdirSync('docs/examples', { recursive: true });
    writeFileSync('docs/examples/digest-sh-nv-2024-W14.html', digest.html);
    writeFileSync('docs/examples/digest-sh-nv-2024-W14.txt', digest.text);
    console.log(`written: docs/examples/digest-sh-nv-2024-W14.html and .txt (${digest.subject})`);
  } finally {
    await app.close();
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
