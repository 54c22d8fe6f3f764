import { Command } from '@nestjs/cqrs';
import type { TaskEvent, TaskState } from '@dondoc/domain/task';
import type { RunResult } from '../../application/aggregate-runner';
import type { RequestContext } from '../../application/request-context';
import type { ReportCompletionRequestDto } from './report-completion.request.dto';

export class ReportCompletionCommand extends Command<RunResult<TaskState | null, TaskEvent>> {
  constructor(
    readonly taskId: string,
    readonly body: ReportCompletionRequestDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
