import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, DomainError, conflict, forbidden, invalid } from '@dondoc/domain/shared';
import { Grant, assertUsername, sameGrant, userDecider, userStreamId } from '@dondoc/domain/user';
import type { UserEntity } from '@dondoc/read-models/users/user.entity';
import { UserQuery } from '@dondoc/read-models/users/user.query';
import { APP_CONFIG, AppConfig } from '@dondoc/platform';
import type { Request, Response } from 'express';
import { AggregateRunner } from '../application/aggregate-runner';
import { RequestContext, buildRequestContext } from '../application/request-context';
import { WriteResponder } from '../application/write-responder';
import { ACTOR_KEY } from '../http/auth/current-actor.decorator';
import { Public } from '../http/auth/public.decorator';
import { UsersService } from '../users/users.service';
import { ChangePasswordRequestDto, SetupRequestDto, SignInRequestDto, SwitchGrantRequestDto } from './auth.dto';
import { PasswordHasher } from './password/password-hasher';
import { checkPassword } from './password/password-policy';
import { AUTH_KEY, Authentication } from './sessions/request-authenticator';
import { SESSION_COOKIE, clearSessionCookies, readCookie, setSessionCookies } from './sessions/session-cookies';
import { SessionStore } from './sessions/session-store';
import { SetupCodeService } from './setup/setup-code.service';
import { SecurityLog } from './sign-in/security-log';
import { SignInService } from './sign-in/sign-in.service';
import { SignInThrottle } from './sign-in/sign-in-throttle';
import { UserRegistry } from './user-registry';

type AuthRequest = Request & Record<string, unknown>;

function signedInView(user: UserEntity, activeGrant: Grant | null) {
  return {
    user: {
      id: user.id,
      username: user.username,
      name: user.name,
      grants: user.grants,
      activeGrant,
      mustChangePassword: user.mustChangePassword,
    },
  };
}

function sessionOf(request: AuthRequest): Extract<Authentication, { kind: 'session' }> {
  const auth = request[AUTH_KEY] as Authentication | undefined;
  if (auth?.kind !== 'session') throw invalid('SESSION_REQUIRED', 'this route is for a signed-in session (the dondoc_session cookie)');
  return auth;
}

/** Sign-in, sessions and first run (API.md, "Users and sign-in"). */
@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly signIn: SignInService,
    private readonly sessions: SessionStore,
    private readonly users: UserQuery,
    private readonly registry: UserRegistry,
    private readonly hasher: PasswordHasher,
    private readonly throttle: SignInThrottle,
    private readonly log: SecurityLog,
    private readonly runner: AggregateRunner,
    private readonly responder: WriteResponder,
    private readonly setup: SetupCodeService,
    private readonly usersService: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('options')
  @Public()
  @ApiOperation({ summary: 'What the sign-in page offers: single sign-on when configured, the first-run setup while there are no users' })
  @ApiOkResponse({ description: '{ sso: boolean, setupRequired: boolean }' })
  async options(): Promise<{ sso: boolean; setupRequired: boolean }> {
    return { sso: this.config.auth.oidc !== null, setupRequired: (await this.users.count()) === 0 };
  }

  @Post('sign-in')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Password sign-in: sets dondoc_session (HttpOnly) and dondoc_csrf; 401 INVALID_CREDENTIALS; 429 with Retry-After when throttled',
  })
  async signInRoute(@Body() body: SignInRequestDto, @Req() request: AuthRequest, @Res({ passthrough: true }) res: Response) {
    res.setHeader('Cache-Control', 'no-store');
    const user = await this.signIn.check(body.username, body.password, request.ip ?? 'unknown');
    // A new id at every sign-in: a session id planted before sign-in (fixation) is worth nothing.
    const previous = readCookie(request, SESSION_COOKIE);
    if (previous) await this.sessions.end(previous, 'replaced');
    const grant = user.grants[0] ?? null;
    setSessionCookies(request, res, this.config.auth, await this.sessions.create(user.id, grant));
    return signedInView(user, grant);
  }

  @Post('sign-out')
  @HttpCode(204)
  async signOut(@Req() request: AuthRequest, @Res({ passthrough: true }) res: Response): Promise<void> {
    const auth = request[AUTH_KEY] as Authentication | undefined;
    if (auth?.kind === 'session') {
      await this.sessions.endByHash(auth.session.idHash, 'sign-out');
      await this.log.record('sign-out', { userId: auth.user.id, username: auth.user.username, ip: request.ip });
      clearSessionCookies(request, res, this.config.auth);
    }
  }

  @Get('me')
  @ApiOkResponse({
    description:
      '{ user: { id, username, name, grants, activeGrant, mustChangePassword } } (user null for a token of no registered user, with its actor)',
  })
  me(@Req() request: AuthRequest) {
    const auth = request[AUTH_KEY] as Authentication;
    if (auth.kind === 'session') return signedInView(auth.user, auth.session.grant);
    const actor = request[ACTOR_KEY] as Actor;
    const grant = { role: actor.role, office: actor.office };
    return auth.user ? signedInView(auth.user, grant) : { user: null, actor };
  }

  @Post('grant')
  @HttpCode(200)
  @ApiOperation({ summary: 'Switch the session’s active grant (a new session id and CSRF token)' })
  async switchGrant(@Body() body: SwitchGrantRequestDto, @Req() request: AuthRequest, @Res({ passthrough: true }) res: Response) {
    const { session, user } = sessionOf(request);
    const grant = { role: body.role, office: body.office };
    if (!user.grants.some((g) => sameGrant(g, grant)))
      throw forbidden('GRANT_NOT_HELD', `you do not hold ${grant.role} of ${grant.office}`);
    await this.sessions.endByHash(session.idHash, 'grant-switched');
    setSessionCookies(request, res, this.config.auth, await this.sessions.create(user.id, grant, session.method));
    await this.log.record('grant-switched', {
      userId: user.id,
      username: user.username,
      ip: request.ip,
      detail: `${grant.role} ${grant.office}`,
    });
    return signedInView(user, grant);
  }

  @Post('password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change one’s own password ({ current, next }); ends the user’s other sessions' })
  async changePassword(
    @Body() body: ChangePasswordRequestDto,
    @Req() request: AuthRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    const { session, user: cached } = sessionOf(request);
    if (!request[ACTOR_KEY]) throw forbidden('NO_ACTIVE_GRANT', 'this account holds no grant yet: ask an admin');
    const user = (await this.users.find(cached.id)) ?? cached;
    const keys = this.throttle.keys(user.username, request.ip ?? 'unknown');
    if (!(await this.hasher.verify(body.current, user.passwordHash))) {
      await this.throttle.fail(keys);
      await this.log.record('password-change-failed', { userId: user.id, username: user.username, ip: request.ip });
      throw invalid('WRONG_CURRENT_PASSWORD', 'the current password is wrong', 'current');
    }
    const next = checkPassword(body.next, 'next', user.username);
    if (next === body.current) throw invalid('PASSWORD_UNCHANGED', 'the new password must differ from the current one', 'next');
    const ctx = buildRequestContext(request, this.runner.now());
    const result = await this.runner.run({
      streamId: userStreamId(user.id),
      decider: userDecider,
      command: { type: 'ChangeOwnPassword', data: { passwordHash: await this.hasher.hash(next) } },
      ctx,
      notFoundCode: 'USER_NOT_FOUND',
    });
    this.registry.forget(user.id);
    await this.sessions.endAllOf(user.id, 'password-changed', session.idHash);
    await this.log.record('password-changed', { userId: user.id, username: user.username, ip: request.ip });
    await this.responder.finish(res, [result]);
  }

  @Post('setup')
  @Public()
  @HttpCode(201)
  @ApiOperation({ summary: 'First run: the code printed at start-up creates the first admin, once' })
  async firstAdmin(@Body() body: SetupRequestDto, @Req() request: AuthRequest, @Res({ passthrough: true }) res: Response) {
    assertUsername(body.username);
    checkPassword(body.password, 'password', body.username);
    if (!this.setup.consume(body.code))
      throw forbidden('SETUP_CODE_INVALID', 'this setup code is not valid (it works once, until the server restarts)');
    if ((await this.users.count()) > 0) throw conflict('SETUP_DONE', 'users exist already: sign in as an admin');
    const office = body.office ?? 'ROOT';
    const now = this.runner.now();
    const ctx: RequestContext = {
      actor: { userId: 'first-run-setup', role: 'admin', office, name: 'first-run setup' },
      occurredAt: now,
      recordedAt: now,
      correlationId: `setup-${now.getTime()}`,
    };
    try {
      const { id, written } = await this.usersService.register(
        { username: body.username, name: body.name, grants: [{ role: 'admin', office }], password: body.password },
        ctx,
      );
      await this.responder.finish(res, written);
      await this.log.record('setup-used', { userId: id, username: body.username, ip: request.ip });
      return { id, username: body.username };
    } catch (e) {
      if (e instanceof DomainError && e.category === 'validation') this.setup.restore(body.code);
      throw e;
    }
  }
}
