import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CLOCK, Clock, notFound, parseInstantOrDate } from '@dondoc/domain/shared';
import { InspectionQuery } from '@dondoc/read-models/inspections/inspection.query';
import type { Response } from 'express';
import { Ctx, RequestContext } from '../application/request-context';
import { WriteResponder } from '../application/write-responder';
import { CurrentActor } from '../http/auth/current-actor.decorator';
import { InspectionAccess } from './inspection-access';
import { findingView } from './inspection.view';
import { InspectionReadQueryDto } from './list-inspections/list-inspections.query.dto';
import { RaiseRemediationCommand } from './raise-remediation/raise-remediation.command';
import { RaiseRemediationRequestDto } from './raise-remediation/raise-remediation.request.dto';
import { ReopenFindingCommand } from './reopen-finding/reopen-finding.command';
import { ReopenFindingRequestDto } from './reopen-finding/reopen-finding.request.dto';
import { ResolveFindingCommand } from './resolve-finding/resolve-finding.command';
import { ResolveFindingRequestDto } from './resolve-finding/resolve-finding.request.dto';
import { WithdrawFindingCommand } from './withdraw-finding/withdraw-finding.command';
import { WithdrawFindingRequestDto } from './withdraw-finding/withdraw-finding.request.dto';

@ApiTags('inspections')
@ApiBearerAuth()
@Controller('v1/findings')
export class FindingsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly responder: WriteResponder,
    private readonly inspections: InspectionQuery,
    private readonly access: InspectionAccess,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':id')
  @ApiOperation({ summary: 'A finding with its remediation state as of `asOf` (its inspecting office’s readers and its own office’s)' })
  async one(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() q: InspectionReadQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ) {
    const row = await this.inspections.finding(id);
    if (!row || !(await this.access.canSeeFinding(actor, row.state))) throw notFound('FINDING_NOT_FOUND', `no finding ${id}`);
    const asOf = q.asOf ? parseInstantOrDate(q.asOf, 'asOf') : this.clock.now();
    res.setHeader('ETag', `"${row.version}"`);
    res.setHeader('Cache-Control', 'no-store');
    return findingView(row.state, row.version, await this.inspections.tasks(row.taskIds), asOf);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolve a finding: how, with evidence ({ fileId } or documents)' })
  resolve(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ResolveFindingRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.write(res, id, new ResolveFindingCommand(id, body, ctx));
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reopen a resolved finding, with a reason' })
  reopen(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReopenFindingRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.write(res, id, new ReopenFindingCommand(id, body, ctx));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a finding, with a reason: it leaves every count' })
  withdraw(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: WithdrawFindingRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.write(res, id, new WithdrawFindingCommand(id, body, ctx));
  }

  @Post(':id/remediation')
  @ApiOperation({
    summary:
      'Raise remediation tasks (leader): the body of POST /v1/plans/:id/tasks plus `plan` (default: the inspection’s plan); If-Match: the finding’s version',
  })
  @ApiCreatedResponse({ description: '{ findingId, version, tasks: [{ id, lead, dueOn, version }] }' })
  async remediation(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: RaiseRemediationRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { head, created } = await this.commands.execute(new RaiseRemediationCommand(id, body, ctx));
    await this.responder.finish(res, [head, ...created]);
    res.setHeader('ETag', `"${head.version}"`);
    return {
      findingId: id,
      version: head.version,
      tasks: created.map((r) => ({
        id: r.state!.id,
        lead: r.state!.lead,
        dueOn: r.state!.deadline.dueOn,
        deadlinePhrase: r.state!.deadline.phrase,
        version: r.version,
      })),
    };
  }

  private async write(res: Response, id: string, command: object) {
    const result = (await this.commands.execute(command as never)) as { version: number; position: string | null };
    await this.responder.finish(res, [result]);
    return { id, version: result.version };
  }
}
