import { Command } from '@nestjs/cqrs';
import type { TaskEvent, TaskState } from '@dondoc/domain/task';
import type { RunResult } from '../../application/aggregate-runner';
import type { RequestContext } from '../../application/request-context';
import type { AcknowledgeTaskRequestDto } from './acknowledge-task.request.dto';

export class AcknowledgeTaskCommand extends Command<RunResult<TaskState | null, TaskEvent>> {
  constructor(
    readonly taskId: string,
    readonly body: AcknowledgeTaskRequestDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
