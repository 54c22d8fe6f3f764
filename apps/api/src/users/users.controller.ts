import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, forbidden, notFound } from '@dondoc/domain/shared';
import { UserQuery } from '@dondoc/read-models/users/user.query';
import type { Response } from 'express';
import { ReadScope } from '../application/read-scope';
import { Ctx, RequestContext } from '../application/request-context';
import { WriteResponder } from '../application/write-responder';
import { CurrentActor } from '../http/auth/current-actor.decorator';
import { userView } from './user.view';
import { EnableRequestDto, GrantDto, ReasonRequestDto, RegisterUserRequestDto, UsersListQueryDto } from './users.dto';
import { UsersService } from './users.service';

function managersOnly(actor: Actor): void {
  if (actor.role !== 'admin' && actor.role !== 'leader') throw forbidden('ROLE_NOT_ALLOWED', 'users are managed by admins and leaders');
}

/** Users (admin; a leader for officers of offices in its subtree): API.md, "Users and sign-in". */
@ApiTags('users')
@ApiBearerAuth()
@Controller('v1/users')
export class UsersController {
  constructor(
    private readonly service: UsersService,
    private readonly users: UserQuery,
    private readonly scope: ReadScope,
    private readonly responder: WriteResponder,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register a user with grants; without `password` a one-time password is returned (shown once)' })
  @ApiCreatedResponse({ description: '{ id, oneTimePassword? }' })
  async register(@Body() body: RegisterUserRequestDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    managersOnly(ctx.actor);
    const { id, oneTimePassword, written } = await this.service.register(body, ctx);
    await this.responder.finish(res, written);
    res.setHeader('ETag', `"${written[1].version}"`);
    res.setHeader('Cache-Control', 'no-store');
    return oneTimePassword ? { id, oneTimePassword } : { id };
  }

  @Get()
  @ApiOperation({ summary: 'Users holding a grant within the office (its subtree), or within the caller’s scope' })
  async list(@Query() q: UsersListQueryDto, @CurrentActor() actor: Actor) {
    managersOnly(actor);
    const path = await this.scope.filterPath(actor, q.office);
    return { items: (await this.users.list(path)).map(userView) };
  }

  @Get(':id')
  @ApiOkResponse({ description: 'one user (never its password hash)' })
  async one(@Param('id') id: string, @CurrentActor() actor: Actor) {
    managersOnly(actor);
    const user = await this.users.find(id);
    let visible = !!user && actor.role === 'admin';
    for (const office of user?.grantOffices ?? []) if (!visible) visible = await this.scope.canSee(actor, office);
    if (!user || !visible) throw notFound('USER_NOT_FOUND', `no user ${id}`);
    return userView(user);
  }

  @Post(':id/grants')
  @HttpCode(200)
  async grant(@Param('id') id: string, @Body() body: GrantDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.write(res, id, await this.service.command(id, { type: 'GrantRole', data: { role: body.role, office: body.office } }, ctx));
  }

  @Post(':id/grants/revoke')
  @HttpCode(200)
  async revoke(@Param('id') id: string, @Body() body: GrantDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.write(
      res,
      id,
      await this.service.command(id, { type: 'RevokeGrant', data: { role: body.role, office: body.office } }, ctx),
    );
  }

  @Post(':id/disable')
  @HttpCode(200)
  async disable(
    @Param('id') id: string,
    @Body() body: ReasonRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.write(res, id, await this.service.command(id, { type: 'DisableUser', data: { reason: body.reason } }, ctx));
  }

  @Post(':id/enable')
  @HttpCode(200)
  async enable(
    @Param('id') id: string,
    @Body() body: EnableRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.write(res, id, await this.service.command(id, { type: 'EnableUser', data: { reason: body.reason ?? null } }, ctx));
  }

  @Post(':id/password-reset')
  @HttpCode(200)
  @ApiOkResponse({ description: '{ oneTimePassword }: shown once; the user changes it at the next sign-in' })
  async reset(@Param('id') id: string, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const { oneTimePassword, result } = await this.service.resetPassword(id, ctx);
    await this.responder.finish(res, [result]);
    res.setHeader('Cache-Control', 'no-store');
    return { id, oneTimePassword };
  }

  private async write(res: Response, id: string, result: { version: number; position: string | null }) {
    await this.responder.finish(res, [result]);
    const user = await this.users.find(id);
    return user ? userView(user) : { id, version: result.version };
  }
}
