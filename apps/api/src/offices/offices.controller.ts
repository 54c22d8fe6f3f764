import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MergePreviewResponseDto, OfficeTreeResponseDto } from './office.response.dto';
import { Actor, invalid, notFound } from '@dondoc/domain/shared';
import { OfficeQuery } from '@dondoc/read-models/offices/office.query';
import { TaskQuery } from '@dondoc/read-models/tasks/task.query';
import type { Response } from 'express';
import { Ctx, RequestContext } from '../application/request-context';
import { WriteResponder } from '../application/write-responder';
import { CurrentActor } from '../http/auth/current-actor.decorator';
import { RequireRole } from '../http/auth/route-policy.decorator';
import { ChangeOfficeCommand } from './change-office/change-office.command';
import { CloseOfficeRequestDto, MoveOfficeRequestDto, RenameOfficeRequestDto } from './change-office/change-office.request.dto';
import { MergeOfficeCommand } from './merge-office/merge-office.command';
import { MergeOfficeRequestDto } from './merge-office/merge-office.request.dto';
import { MergePreviewQueryDto } from './merge-office/merge-preview.query.dto';
import { RegisterOfficeCommand } from './register-office/register-office.command';
import { RegisterOfficeRequestDto } from './register-office/register-office.request.dto';

// Every write here is an admin's: refused by role before the body is read or any office looked up,
// so a non-admin learns nothing (whether a parent exists, an office's version) from the answer.
@ApiTags('offices')
@ApiBearerAuth()
@Controller('v1/offices')
export class OfficesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly offices: OfficeQuery,
    private readonly tasks: TaskQuery,
    private readonly responder: WriteResponder,
  ) {}

  @Post()
  @RequireRole('admin')
  @ApiOperation({ summary: 'Register an office (admin)' })
  @ApiCreatedResponse({ description: '{ code, version }' })
  async register(@Body() body: RegisterOfficeRequestDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const result = await this.commands.execute(new RegisterOfficeCommand(body, ctx));
    await this.responder.finish(res, [result]);
    return { code: body.code, version: result.version };
  }

  @Get()
  @ApiOkResponse({ type: OfficeTreeResponseDto })
  @ApiOperation({ summary: 'The office tree (within the caller’s subtree; all of it for an admin)' })
  async tree(@CurrentActor() actor: Actor) {
    return { items: await this.offices.tree(actor.role === 'admin' ? null : actor.office) };
  }

  @Get(':code')
  @ApiOkResponse({ description: 'one office, when it is in the caller’s subtree (as the tree); otherwise 404 as for a missing one' })
  async one(@Param('code') code: string, @CurrentActor() actor: Actor) {
    const office = await this.offices.find(code);
    // Scoped like the tree: the actor's office and those under it; anything else is "missing".
    const root = actor.role === 'admin' || !office ? '/' : (await this.offices.find(actor.office))?.path;
    if (!office || !root || !office.path.startsWith(root)) throw notFound('OFFICE_NOT_FOUND', `no office ${code}`);
    const { path: _path, ...rest } = office;
    return rest;
  }

  @Post(':code/rename')
  @RequireRole('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rename an office (admin); the same name records nothing' })
  @ApiOkResponse({ description: '{ code, version }' })
  async rename(
    @Param('code') code: string,
    @Body() body: RenameOfficeRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.change(res, code, new ChangeOfficeCommand(code, { type: 'RenameOffice', data: { name: body.name } }, ctx));
  }

  @Post(':code/move')
  @RequireRole('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move an office, with its subtree, under another parent (admin); never under itself or its own subtree' })
  @ApiOkResponse({ description: '{ code, version }' })
  async move(
    @Param('code') code: string,
    @Body() body: MoveOfficeRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.change(res, code, new ChangeOfficeCommand(code, { type: 'MoveOffice', data: { parent: body.parent } }, ctx));
  }

  @Post(':code/close')
  @RequireRole('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close an office (admin): it stays in the tree and the record, marked closed' })
  @ApiOkResponse({ description: '{ code, version }' })
  async close(
    @Param('code') code: string,
    @Body() body: CloseOfficeRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.change(res, code, new ChangeOfficeCommand(code, { type: 'CloseOffice', data: { reason: body.reason ?? null } }, ctx));
  }

  @Get(':code/merge-preview')
  @RequireRole('admin')
  @ApiOkResponse({ type: MergePreviewResponseDto })
  @ApiOperation({ summary: 'What merging the office into `into` would do (admin): the open tasks that move to the successor' })
  async mergePreview(@Param('code') code: string, @Query() { into }: MergePreviewQueryDto): Promise<MergePreviewResponseDto> {
    const office = await this.offices.find(code);
    if (!office) throw notFound('OFFICE_NOT_FOUND', `no office ${code}`);
    const successor = await this.offices.find(into);
    if (!successor || successor.status !== 'active') throw invalid('UNKNOWN_OFFICE', `no active office ${into}`, 'into');
    return { code, name: office.name, into, intoName: successor.name, openTasks: await this.tasks.openTasksLedBy(code) };
  }

  @Post(':code/merge')
  @RequireRole('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Merge an office into its successor (admin): its open tasks move there' })
  async merge(
    @Param('code') code: string,
    @Body() body: MergeOfficeRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.commands.execute(new MergeOfficeCommand(code, body, ctx));
    await this.responder.finish(res, [result.office, ...result.movedTasks]);
    res.setHeader('ETag', `"${result.office.version}"`);
    return {
      code,
      into: body.into,
      version: result.office.version,
      movedTasks: result.movedTasks.map((t) => t.streamId.replace(/^task-/, '')),
    };
  }

  private async change(res: Response, code: string, command: ChangeOfficeCommand) {
    const result = await this.commands.execute(command);
    await this.responder.finish(res, [result]);
    return { code, version: result.version };
  }
}
