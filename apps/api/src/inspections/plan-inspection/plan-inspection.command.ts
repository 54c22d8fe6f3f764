import { Command } from '@nestjs/cqrs';
import type { RunResult } from '../../application/aggregate-runner';
import type { RequestContext } from '../../application/request-context';
import type { PlanInspectionRequestDto } from './plan-inspection.request.dto';

export class PlanInspectionCommand extends Command<RunResult<unknown, unknown> & { id: string }> {
  constructor(
    readonly body: PlanInspectionRequestDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
