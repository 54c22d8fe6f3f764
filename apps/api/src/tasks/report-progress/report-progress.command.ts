import { Command } from '@nestjs/cqrs';
import type { TaskEvent, TaskState } from '@dondoc/domain/task';
import type { RunResult } from '../../application/aggregate-runner';
import type { RequestContext } from '../../application/request-context';
import type { ReportProgressRequestDto } from './report-progress.request.dto';

export class ReportProgressCommand extends Command<RunResult<TaskState | null, TaskEvent>> {
  constructor(
    readonly taskId: string,
    readonly body: ReportProgressRequestDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
