import { Command } from '@nestjs/cqrs';
import type { TaskEvent, TaskState } from '@dondoc/domain/task';
import type { RunResult } from '../../application/aggregate-runner';
import type { RequestContext } from '../../application/request-context';
import type { ReturnCompletionRequestDto } from './return-completion.request.dto';

export class ReturnCompletionCommand extends Command<RunResult<TaskState | null, TaskEvent>> {
  constructor(
    readonly taskId: string,
    readonly body: ReturnCompletionRequestDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
