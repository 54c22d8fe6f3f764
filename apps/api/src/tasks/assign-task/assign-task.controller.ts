import { Body, Controller, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { TaskEvent, TaskState } from '@dondoc/domain/task';
import type { Response } from 'express';
import { RunResult } from '../../application/aggregate-runner';
import { Ctx, RequestContext } from '../../application/request-context';
import { WriteResponder } from '../../application/write-responder';
import { AssignTaskCommand } from './assign-task.command';
import { AssignTaskRequestDto } from './assign-task.request.dto';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('v1')
export class AssignTaskController {
  constructor(
    private readonly commands: CommandBus,
    private readonly responder: WriteResponder,
  ) {}

  @Post('plans/:id/tasks')
  @ApiOperation({ summary: 'Assign a task (leader): one task per lead office; exactly one of dueOn, deadlinePhrase, recurrence, or none' })
  @ApiCreatedResponse({ description: '{ tasks: [{ id, lead, dueOn, version }] }' })
  async assign(
    @Param('id', new ParseUUIDPipe()) planId: string,
    @Body() body: AssignTaskRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const results: RunResult<TaskState | null, TaskEvent>[] = await this.commands.execute(new AssignTaskCommand(planId, body, ctx));
    await this.responder.finish(res, results);
    return {
      tasks: results.map((r) => ({
        id: r.state!.id,
        lead: r.state!.lead,
        dueOn: r.state!.deadline.dueOn,
        deadlinePhrase: r.state!.deadline.phrase,
        version: r.version,
      })),
    };
  }
}
