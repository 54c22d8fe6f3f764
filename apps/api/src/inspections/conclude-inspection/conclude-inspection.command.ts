import { Command } from '@nestjs/cqrs';
import type { RunResult } from '../../application/aggregate-runner';
import type { RequestContext } from '../../application/request-context';
import type { ConcludeInspectionRequestDto } from './conclude-inspection.request.dto';

export class ConcludeInspectionCommand extends Command<RunResult<unknown, unknown>> {
  constructor(
    readonly id: string,
    readonly body: ConcludeInspectionRequestDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
