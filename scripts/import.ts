import { embeddedJwtSecret, loadConfig } from '@dondoc/platform';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { signToken } from '../apps/api/src/http/auth/token-verifier';

/**
 * Imports a plan file into a running Dondoc over HTTP, as an admin:
 *   npm run import -- FILE [--url http://localhost:3000] [--code CODE] [--assignedOn 2024-01-15] …
 * FILE is .json, .csv or .xlsx (docs/IMPORT.md). Any --name value is passed as a query parameter
 * (plan fields). The admin token is signed like `npm run token` (JWT_SECRET, or the embedded
 * secret under .data/), so it runs where the server runs. Prints the answer; exits 1 on an error.
 */
const TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.csv': 'text/csv',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const file = args.find((a, i) => !a.startsWith('--') && (i === 0 || !args[i - 1].startsWith('--')));
  const type = file ? TYPES[extname(file).toLowerCase()] : undefined;
  if (!file || !type) {
    console.error(
      'usage: npm run import -- FILE.json|FILE.csv|FILE.xlsx [--url http://localhost:3000] [--code CODE] [--assignedOn YYYY-MM-DD] …',
    );
    return 2;
  }
  const options = new Map<string, string>();
  args.forEach((a, i) => a.startsWith('--') && options.set(a.slice(2), args[i + 1] ?? ''));
  const config = loadConfig({ ...process.env, DATABASE_URL: undefined });
  const base = options.get('url') ?? process.env.DONDOC_URL ?? `http://127.0.0.1:${config.port}`;
  options.delete('url');
  const token = signToken(
    process.env.JWT_SECRET || embeddedJwtSecret(config.dataDir),
    { sub: 'import-cli', role: 'admin', office: 'import', name: 'npm run import' },
    '10m',
  );
  const url = new URL('/v1/imports', base);
  for (const [k, v] of options) url.searchParams.set(k, v);
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body: readFileSync(file),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON: print as is */
  }
  console.log(typeof body === 'string' ? body : JSON.stringify(body, null, 2));
  return response.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`import failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
