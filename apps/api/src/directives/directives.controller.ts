import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, notFound } from '@dondoc/domain/shared';
import { DirectiveQuery } from '@dondoc/read-models/directives/directive.query';
import type { Response } from 'express';
import { Ctx, RequestContext } from '../application/request-context';
import { ReadScope } from '../application/read-scope';
import { WriteResponder } from '../application/write-responder';
import { CurrentActor } from '../http/auth/current-actor.decorator';
import { IssueDirectiveCommand } from './issue-directive/issue-directive.command';
import { IssueDirectiveRequestDto } from './issue-directive/issue-directive.request.dto';

@ApiTags('directives')
@ApiBearerAuth()
@Controller('v1/directives')
export class DirectivesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly directives: DirectiveQuery,
    private readonly responder: WriteResponder,
    private readonly scope: ReadScope,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Record a directive (leader within subtree, admin). The same number from the same issuer with another date is 409.',
  })
  @ApiCreatedResponse({ description: '{ id, version }' })
  async issue(@Body() body: IssueDirectiveRequestDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const result = await this.commands.execute(new IssueDirectiveCommand(body, ctx));
    await this.responder.finish(res, [result]);
    if (!result.created) res.status(200);
    return { id: result.id, version: result.version };
  }

  @Get(':id')
  async one(@Param('id', new ParseUUIDPipe()) id: string, @CurrentActor() actor: Actor) {
    const directive = await this.directives.find(id);
    if (!directive || !(await this.scope.canSee(actor, directive.issuer))) throw notFound('DIRECTIVE_NOT_FOUND', `no directive ${id}`);
    return { ...directive.state, version: directive.version };
  }
}
