import { Command } from '@nestjs/cqrs';
import type { TaskEvent, TaskState } from '@dondoc/domain/task';
import type { RunResult } from '../../application/aggregate-runner';
import type { RequestContext } from '../../application/request-context';
import type { ReopenTaskRequestDto } from './reopen-task.request.dto';

export class ReopenTaskCommand extends Command<RunResult<TaskState | null, TaskEvent>> {
  constructor(
    readonly taskId: string,
    readonly body: ReopenTaskRequestDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
