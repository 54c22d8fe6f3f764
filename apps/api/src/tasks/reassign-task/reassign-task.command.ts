import { Command } from '@nestjs/cqrs';
import type { TaskEvent, TaskState } from '@dondoc/domain/task';
import type { RunResult } from '../../application/aggregate-runner';
import type { RequestContext } from '../../application/request-context';
import type { ReassignTaskRequestDto } from './reassign-task.request.dto';

export class ReassignTaskCommand extends Command<RunResult<TaskState | null, TaskEvent>> {
  constructor(
    readonly taskId: string,
    readonly body: ReassignTaskRequestDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
