import { ROLES } from '@dondoc/domain/shared';
import { embeddedJwtSecret, loadConfig } from '@dondoc/platform';
import { signToken } from '../apps/api/src/http/auth/token-verifier';

/**
 * Manages users of a running Dondoc over HTTP, as an admin (like `npm run import`):
 *   npm run user -- create --username U --name "Họ Tên" [--email E] [--grant role:OFFICE …] [--admin [--office CODE]] [--password P]
 *   npm run user -- grant|revoke (--id ID | --username U) --grant role:OFFICE
 *   npm run user -- disable (--id ID | --username U) --reason "…"
 *   npm run user -- enable|reset (--id ID | --username U)
 * [--url http://localhost:3000]. Without --password, `create` and `reset` print a one-time password,
 * to be changed at the first sign-in. Exits 1 on an error, 2 on a usage mistake.
 */
const USAGE = `usage: npm run user -- create --username U --name NAME [--email E] [--grant role:OFFICE …] [--admin [--office CODE]] [--password P]
       npm run user -- grant|revoke (--id ID | --username U) --grant role:OFFICE
       npm run user -- disable (--id ID | --username U) --reason TEXT
       npm run user -- enable|reset (--id ID | --username U)
       [--url http://127.0.0.1:3000]`;

function options(args: string[]): { single: Map<string, string>; grants: { role: string; office: string }[]; flags: Set<string> } {
  const single = new Map<string, string>();
  const grants: { role: string; office: string }[] = [];
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    if (!args[i].startsWith('--')) continue;
    const name = args[i].slice(2);
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) {
      flags.add(name);
      continue;
    }
    i++;
    if (name === 'grant') {
      const [role, office] = value.split(':');
      if (!ROLES.includes(role as never) || !office)
        throw new UsageError(`--grant takes role:OFFICE with a role of ${ROLES.join(', ')} (got "${value}")`);
      grants.push({ role, office });
    } else single.set(name, value);
  }
  return { single, grants, flags };
}

class UsageError extends Error {}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  if (!['create', 'grant', 'revoke', 'disable', 'enable', 'reset'].includes(command ?? '')) {
    console.error(USAGE);
    return 2;
  }
  const { single, grants, flags } = options(rest);
  const config = loadConfig({ ...process.env, DATABASE_URL: undefined });
  const base = single.get('url') ?? process.env.DONDOC_URL ?? `http://127.0.0.1:${config.port}`;
  const token = signToken(
    process.env.JWT_SECRET || embeddedJwtSecret(config.dataDir),
    { sub: 'user-cli', role: 'admin', office: 'ROOT', name: 'npm run user' },
    '10m',
  );
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(new URL(path, base), {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { ok: res.ok, body: parsed as Record<string, unknown> };
  };
  const print = (r: { ok: boolean; body: unknown }) => {
    (r.ok ? console.log : console.error)(typeof r.body === 'string' ? r.body : JSON.stringify(r.body, null, 2));
    return r.ok ? 0 : 1;
  };

  if (command === 'create') {
    const username = single.get('username');
    const name = single.get('name');
    if (!username || !name) throw new UsageError('create needs --username and --name');
    if (flags.has('admin')) grants.push({ role: 'admin', office: single.get('office') ?? 'ROOT' });
    const password = single.get('password');
    return print(
      await call('POST', '/v1/users', {
        username,
        name,
        grants,
        ...(single.has('email') ? { email: single.get('email') } : {}),
        ...(password ? { password } : {}),
      }),
    );
  }

  let id = single.get('id');
  if (!id) {
    const username = single.get('username');
    if (!username) throw new UsageError(`${command} needs --id or --username`);
    const list = await call('GET', '/v1/users');
    if (!list.ok) return print(list);
    const found = (list.body.items as { id: string; username: string }[]).find((u) => u.username.toLowerCase() === username.toLowerCase());
    if (!found) {
      console.error(`no user ${username}`);
      return 1;
    }
    id = found.id;
  }
  const path = `/v1/users/${encodeURIComponent(id)}`;
  switch (command) {
    case 'grant':
    case 'revoke':
      if (grants.length !== 1) throw new UsageError(`${command} needs one --grant role:OFFICE`);
      return print(await call('POST', `${path}/grants${command === 'revoke' ? '/revoke' : ''}`, grants[0]));
    case 'disable':
      if (!single.get('reason')) throw new UsageError('disable needs --reason');
      return print(await call('POST', `${path}/disable`, { reason: single.get('reason') }));
    case 'enable':
      return print(await call('POST', `${path}/enable`, {}));
    default:
      return print(await call('POST', `${path}/password-reset`));
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    if (e instanceof UsageError) {
      console.error(`${e.message}\n${USAGE}`);
      process.exit(2);
    }
    console.error(`user failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
