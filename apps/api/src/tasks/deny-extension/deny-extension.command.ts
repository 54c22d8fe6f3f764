import { Command } from '@nestjs/cqrs';
import type { TaskEvent, TaskState } from '@dondoc/domain/task';
import type { RunResult } from '../../application/aggregate-runner';
import type { RequestContext } from '../../application/request-context';
import type { DenyExtensionRequestDto } from './deny-extension.request.dto';

export class DenyExtensionCommand extends Command<RunResult<TaskState | null, TaskEvent>> {
  constructor(
    readonly taskId: string,
    readonly body: DenyExtensionRequestDto,
    readonly ctx: RequestContext,
    readonly requestId?: string,
  ) {
    super();
  }
}
