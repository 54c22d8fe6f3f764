import { Command } from '@nestjs/cqrs';
import type { TaskEvent, TaskState } from '@dondoc/domain/task';
import type { RunResult } from '../../application/aggregate-runner';
import type { RequestContext } from '../../application/request-context';
import type { ChangeDeadlineRequestDto } from './change-deadline.request.dto';

export class ChangeDeadlineCommand extends Command<RunResult<TaskState | null, TaskEvent>> {
  constructor(
    readonly taskId: string,
    readonly body: ChangeDeadlineRequestDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
