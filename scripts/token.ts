import { ROLES, Role } from '@dondoc/domain/shared';
import { embeddedJwtSecret, loadConfig } from '@dondoc/platform';
import { signToken } from '../apps/api/src/http/auth/token-verifier';

/**
 * Prints a token for trying the API by hand:
 *   npm run token -- --role leader --office UBND-SH --sub u1 [--name "Nguyễn Văn A"] [--expires 12h]
 * Signs with JWT_SECRET, or with the embedded secret kept under .data/.
 */
function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const role = arg('role') as Role;
const office = arg('office');
if (!ROLES.includes(role) || !office) {
  console.error(`usage: npm run token -- --role ${ROLES.join('|')} --office CODE [--sub ID] [--name NAME] [--expires 12h]`);
  process.exit(2);
}
const config = loadConfig({ ...process.env, DATABASE_URL: undefined });
const secret = process.env.JWT_SECRET || embeddedJwtSecret(config.dataDir);
console.log(signToken(secret, { sub: arg('sub', `${role}-${office}`)!, role, office, name: arg('name') }, arg('expires', '12h')));
