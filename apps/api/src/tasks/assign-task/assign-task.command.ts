import { Command } from '@nestjs/cqrs';
import type { TaskEvent, TaskState } from '@dondoc/domain/task';
import type { RunResult } from '../../application/aggregate-runner';
import type { RequestContext } from '../../application/request-context';
import type { AssignTaskRequestDto } from './assign-task.request.dto';

export class AssignTaskCommand extends Command<RunResult<TaskState | null, TaskEvent>[]> {
  constructor(
    readonly planId: string,
    readonly body: AssignTaskRequestDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
