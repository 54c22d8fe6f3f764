/**
 * Regenerates docs/examples/bao-cao-son-ha-2024-07-01.{docx,pdf,png,xlsx}: the completion report of
 * UBND huyện Sơn Hà as of 01/07/2024 on the demo data (DONDOC_DEMO=1, the Sơn Hà plan and its 2024
 * history), through the real API on a throwaway database: GET /v1/reports/completion?format=docx|pdf|xlsx.
 * The PNG (first page) needs LibreOffice (soffice) and poppler (pdftoppm) on PATH.
 *
 *   DATABASE_SERVER_URL=postgres://postgres@127.0.0.1:5432/postgres node -r @swc-node/register scripts/export-examples.ts
 *   (without DATABASE_SERVER_URL: an embedded PostgreSQL)
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { startApp } from '../apps/api/src/bootstrap';
import { signToken } from '../apps/api/src/http/auth/token-verifier';
import { startEmbeddedDatabase } from '../libs/platform/src/database/embedded-database';

const SECRET = 'export-example-secret-0123456789-0123456789';
const OUT = 'docs/examples';
const BASE = 'bao-cao-son-ha-2024-07-01';

async function database(): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = process.env.DATABASE_SERVER_URL;
  if (server) {
    const name = `dondoc_export_example_${Date.now()}`;
    const admin = new Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(server);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      stop: async () => {
        await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  mkdirSync('.data', { recursive: true });
  const dir = mkdtempSync(join('.data', 'export-example-'));
  const db = await startEmbeddedDatabase({ dir, persistent: false, database: 'dondoc_example' });
  return { url: db.url, stop: async () => (await db.stop(), rmSync(dir, { recursive: true, force: true })) };
}

async function main(): Promise<void> {
  const db = await database();
  const app = await startApp({
    ...process.env,
    DATABASE_URL: db.url,
    JWT_SECRET: SECRET,
    PORT: '0',
    LOG_LEVEL: 'error',
    SMTP_URL: '',
    DONDOC_DEMO: '1',
  });
  try {
    const auth = { authorization: `Bearer ${signToken(SECRET, { sub: 'chu-tich', role: 'leader', office: 'UBND-SH' })}` };
    const get = async (path: string): Promise<Response> => {
      const res = await fetch(`${app.url}${path}`, { headers: auth });
      if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      return res;
    };
    const plans = (await (await get('/v1/plans')).json()) as { items: { id: string; title: string }[] };
    const plan = plans.items[0];
    const query = `/v1/reports/completion?groupBy=office&asOf=2024-07-01&plan=${plan.id}`;
    mkdirSync(OUT, { recursive: true });
    for (const format of ['docx', 'xlsx', 'pdf'] as const) {
      writeFileSync(join(OUT, `${BASE}.${format}`), Buffer.from(await (await get(`${query}&format=${format}`)).arrayBuffer()));
      console.log(`${OUT}/${BASE}.${format}`);
    }
    // First page at 80 dpi: enough to check the layout by eye.
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', join(OUT, `${BASE}.pdf`), join(OUT, BASE)]);
    console.log(`${OUT}/${BASE}.png (plan: ${plan.title})`);
  } finally {
    await app.close();
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
