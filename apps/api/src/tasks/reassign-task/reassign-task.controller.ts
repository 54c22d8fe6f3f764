import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { planDecider, planStreamId } from '@dondoc/domain/plan';
import { invalid } from '@dondoc/domain/shared';
import { taskDecider, taskStreamId } from '@dondoc/domain/task';
import { OfficeQuery } from '@dondoc/read-models/offices/office.query';
import type { Response } from 'express';
import { Ctx, RequestContext } from '../../application/request-context';
import { TaskWrites } from '../task-writes';
import { ReassignTaskRequestDto } from './reassign-task.request.dto';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('v1')
export class ReassignTaskController {
  constructor(
    private readonly writes: TaskWrites,
    private readonly offices: OfficeQuery,
  ) {}

  @Post('tasks/:id/reassign')
  @HttpCode(200)
  async reassign(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReassignTaskRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const office = await this.offices.find(body.lead);
    if (!office || office.status !== 'active') throw invalid('UNKNOWN_OFFICE', `no active office ${body.lead}`, 'lead');
    // The plan's issuer bounds the new lead as it bounded the first one (the plan never changes issuer).
    const { state: task } = await this.writes.runner.load(taskStreamId(id), taskDecider);
    const issuer = task ? (await this.writes.runner.load(planStreamId(task.planId), planDecider)).state?.issuer : undefined;
    const command = { type: 'ReassignTask' as const, lead: body.lead, reason: body.reason, planIssuer: issuer };
    return this.writes.run(res, id, command, ctx, [body.lead, issuer]);
  }
}
