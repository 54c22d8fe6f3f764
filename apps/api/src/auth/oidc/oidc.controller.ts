import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '@dondoc/platform';
import type { Request, Response } from 'express';
import { Public } from '../../http/auth/public.decorator';
import { SESSION_COOKIE, readCookie, setSessionCookies } from '../sessions/session-cookies';
import { SessionStore } from '../sessions/session-store';
import { SecurityLog } from '../sign-in/security-log';
import { OidcService } from './oidc.service';

const originOf = (request: Request) => `${request.protocol}://${request.get('host')}`;

/** "Đăng nhập một lần (SSO)": the redirect to the provider and the way back. */
@ApiTags('auth')
@Controller('v1/auth/oidc')
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    private readonly sessions: SessionStore,
    private readonly log: SecurityLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('login')
  @Public()
  @ApiOperation({ summary: 'Redirect to the identity provider (authorization code flow with PKCE)' })
  async login(@Req() request: Request, @Res() res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, await this.oidc.loginUrl(originOf(request)));
  }

  @Get('callback')
  @Public()
  @ApiOperation({ summary: 'The provider sends the browser back here: a session for the linked user, then a redirect to /' })
  async callback(@Req() request: Request, @Res() res: Response): Promise<void> {
    const redirect = new URL(this.oidc.redirectUri(originOf(request)));
    const current = new URL(request.originalUrl, `${redirect.protocol}//${redirect.host}`);
    let user;
    try {
      user = await this.oidc.finish(current);
    } catch (e) {
      await this.log.record('sign-in-failed', {
        ip: request.ip,
        detail: `oidc: ${e instanceof Error ? e.message.slice(0, 300) : String(e)}`,
      });
      throw e;
    }
    const previous = readCookie(request, SESSION_COOKIE);
    if (previous) await this.sessions.end(previous, 'replaced');
    setSessionCookies(request, res, this.config.auth, await this.sessions.create(user.id, user.grants[0] ?? null, 'oidc'));
    await this.log.record('sign-in', { userId: user.id, username: user.username, ip: request.ip, detail: 'oidc' });
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, '/');
  }
}
