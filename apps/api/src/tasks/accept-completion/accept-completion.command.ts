import { Command } from '@nestjs/cqrs';
import type { TaskEvent, TaskState } from '@dondoc/domain/task';
import type { RunResult } from '../../application/aggregate-runner';
import type { RequestContext } from '../../application/request-context';
import type { AcceptCompletionRequestDto } from './accept-completion.request.dto';

export class AcceptCompletionCommand extends Command<RunResult<TaskState | null, TaskEvent>> {
  constructor(
    readonly taskId: string,
    readonly body: AcceptCompletionRequestDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
