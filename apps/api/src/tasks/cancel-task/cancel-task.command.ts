import { Command } from '@nestjs/cqrs';
import type { TaskEvent, TaskState } from '@dondoc/domain/task';
import type { RunResult } from '../../application/aggregate-runner';
import type { RequestContext } from '../../application/request-context';
import type { CancelTaskRequestDto } from './cancel-task.request.dto';

export class CancelTaskCommand extends Command<RunResult<TaskState | null, TaskEvent>> {
  constructor(
    readonly taskId: string,
    readonly body: CancelTaskRequestDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
