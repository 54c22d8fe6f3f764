import { Command } from '@nestjs/cqrs';
import type { RunResult } from '../../application/aggregate-runner';
import type { RequestContext } from '../../application/request-context';
import type { RescheduleInspectionRequestDto } from './reschedule-inspection.request.dto';

export class RescheduleInspectionCommand extends Command<RunResult<unknown, unknown>> {
  constructor(
    readonly id: string,
    readonly body: RescheduleInspectionRequestDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
