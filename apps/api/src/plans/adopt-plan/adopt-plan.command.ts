import { Command } from '@nestjs/cqrs';
import type { RunResult } from '../../application/aggregate-runner';
import type { RequestContext } from '../../application/request-context';
import type { AdoptPlanRequestDto } from './adopt-plan.request.dto';

export class AdoptPlanCommand extends Command<RunResult<unknown, unknown> & { id: string }> {
  constructor(
    readonly body: AdoptPlanRequestDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
