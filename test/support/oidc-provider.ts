import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface Account {
  email?: string;
  name?: string;
  preferred_username?: string;
}

/**
 * A real OpenID Connect provider (the oidc-provider package) on loopback. Its login page is
 * replaced by a handler that signs in `nextLogin`, and consent is taken as given: the test plays
 * a person who already has an account at the province's identity provider.
 */
export class TestOidcProvider {
  nextLogin = '';
  private provider?: Provider;

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
  ) {}

  static async listen(): Promise<TestOidcProvider> {
    const box: { self?: TestOidcProvider } = {};
    const server = createServer((req, res) => void box.self!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    box.self = new TestOidcProvider(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return box.self;
  }

  /** Once the apps' callback URLs are known. */
  configure(client: { clientId: string; clientSecret: string; redirectUris: string[] }, accounts: Record<string, Account>): void {
    this.provider = new Provider(this.issuer, {
      clients: [
        {
          client_id: client.clientId,
          client_secret: client.clientSecret,
          redirect_uris: client.redirectUris,
          response_types: ['code'],
          grant_types: ['authorization_code'],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      pkce: { required: () => true },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username'] },
      findAccount: async (_ctx, id) =>
        accounts[id] ? { accountId: id, claims: async () => ({ sub: id, email_verified: true, ...accounts[id] }) } : undefined,
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      features: { devInteractions: { enabled: false } },
      cookies: { keys: ['test-oidc-provider-cookie-key-0123456789'] },
      loadExistingGrant: async (ctx) => {
        const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
        grant.addOIDCScope('openid email profile');
        await grant.save();
        return grant;
      },
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      if (req.url?.startsWith('/interaction/')) {
        await this.provider!.interactionDetails(req, res);
        await this.provider!.interactionFinished(req, res, { login: { accountId: this.nextLogin } }, { mergeWithLastSubmission: false });
        return;
      }
      this.provider!.callback()(req, res);
    } catch (e) {
      res.statusCode = 500;
      res.end(String(e));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * A browser following redirects across the app and the provider, keeping each origin's cookies;
 * stops at the answer of the app's callback (returned) or at any answer that is not a redirect.
 */
export async function followSignIn(
  start: string,
  appOrigin: string,
  appCookie = '',
): Promise<{ status: number; location: string | null; setCookies: string[]; body: string; trail: string[] }> {
  const jars = new Map<string, Map<string, string>>();
  let url = start;
  const trail: string[] = [];
  for (let i = 0; i < 15; i++) {
    const origin = new URL(url).origin;
    const jar = jars.get(origin) ?? new Map<string, string>();
    jars.set(origin, jar);
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ') || (origin === appOrigin ? appCookie : '');
    const res = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    trail.push(`${res.status} ${url}`);
    const setCookies = res.headers.getSetCookie();
    for (const c of setCookies) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const location = res.headers.get('location');
    const isCallback = origin === appOrigin && new URL(url).pathname === '/v1/auth/oidc/callback';
    if (isCallback || !location || res.status < 300 || res.status >= 400)
      return { status: res.status, location, setCookies, body: await res.text(), trail };
    url = new URL(location, url).toString();
  }
  throw new Error(`too many redirects: ${trail.join(' → ')}`);
}
