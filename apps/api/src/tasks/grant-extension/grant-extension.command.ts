import { Command } from '@nestjs/cqrs';
import type { TaskEvent, TaskState } from '@dondoc/domain/task';
import type { RunResult } from '../../application/aggregate-runner';
import type { RequestContext } from '../../application/request-context';
import type { GrantExtensionRequestDto } from './grant-extension.request.dto';

export class GrantExtensionCommand extends Command<RunResult<TaskState | null, TaskEvent>> {
  constructor(
    readonly taskId: string,
    readonly body: GrantExtensionRequestDto,
    readonly ctx: RequestContext,
    readonly requestId?: string,
  ) {
    super();
  }
}
