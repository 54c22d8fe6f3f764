// Nest-loading (an int spec for the ESM transform); needs no database.
import { AppConfig, loadConfig } from '@dondoc/platform';
import jwt from 'jsonwebtoken';
import { TokenVerifier } from './token-verifier';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
const claims = { sub: 'u1', role: 'officer', office: 'SH-NV' };
const now = () => Math.floor(Date.now() / 1000);

function verifier(env: Record<string, string> = {}): TokenVerifier {
  return new TokenVerifier({ ...loadConfig({ JWT_SECRET: SECRET, ...env }) } as AppConfig);
}

const refusal = async (token: string, v = verifier()) => {
  try {
    await v.verify(`Bearer ${token}`);
  } catch (e) {
    return (e as Error).message;
  }
  return 'accepted';
};

describe('TokenVerifier: exp, iat and the encoding', () => {
  it('accepts a token of 12 h, and one issued a few seconds ahead of this clock', async () => {
    expect(await refusal(jwt.sign(claims, SECRET, { expiresIn: '12h' }))).toBe('accepted');
    expect(await refusal(jwt.sign({ ...claims, iat: now() + 30, exp: now() + 3600 }, SECRET))).toBe('accepted');
  });

  it('refuses a token without exp', async () => {
    expect(await refusal(jwt.sign(claims, SECRET))).toBe('the token has no expiry (exp)');
  });

  it('refuses a token that lives longer than 24 h, unless JWT_MAX_LIFETIME_HOURS allows it', async () => {
    const week = jwt.sign(claims, SECRET, { expiresIn: '7d' });
    expect(await refusal(week)).toMatch(/lives longer than 24 h/);
    expect(await refusal(jwt.sign({ ...claims, exp: now() + 30 * 3600 }, SECRET, { noTimestamp: true }))).toMatch(/lives longer than 24 h/);
    expect(await refusal(week, verifier({ JWT_MAX_LIFETIME_HOURS: '168' }))).toBe('accepted');
  });

  it('refuses iat more than a minute in the future', async () => {
    expect(await refusal(jwt.sign({ ...claims, iat: now() + 600, exp: now() + 3600 }, SECRET))).toBe(
      'the token is issued in the future (iat)',
    );
  });

  // jws (under jsonwebtoken) already refused these on main; the verifier now says so itself, and this pins it.
  it('accepts base64url only: padding or +/ in any part is refused', async () => {
    const token = jwt.sign(claims, SECRET, { expiresIn: '1h' });
    const [h, p, s] = token.split('.');
    const base64 = Buffer.from(s, 'base64url').toString('base64');
    expect(await refusal(`${h}.${p}.${base64}`)).toMatch(/malformed/);
    expect(await refusal(`${h}.${p}.${s}=`)).toMatch(/malformed/);
    expect(await refusal(`${h}=.${p}.${s}`)).toMatch(/malformed/);
  });

  it('still refuses an expired token and alg none', async () => {
    expect(await refusal(jwt.sign({ ...claims, exp: now() - 3600 }, SECRET))).toBe('the token has expired');
    expect(await refusal(jwt.sign({ ...claims, exp: now() + 60 }, '', { algorithm: 'none' }))).toMatch(/malformed|signature/);
  });
});
