import { Command } from '@nestjs/cqrs';
import type { RunResult } from '../../application/aggregate-runner';
import type { RequestContext } from '../../application/request-context';
import type { CancelInspectionRequestDto } from './cancel-inspection.request.dto';

export class CancelInspectionCommand extends Command<RunResult<unknown, unknown>> {
  constructor(
    readonly id: string,
    readonly body: CancelInspectionRequestDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
