import { Command } from '@nestjs/cqrs';
import type { RunResult } from '../../application/aggregate-runner';
import type { RequestContext } from '../../application/request-context';
import type { MeasureTargetRequestDto } from './measure-target.request.dto';

export class MeasureTargetCommand extends Command<RunResult<unknown, unknown>> {
  constructor(
    readonly planId: string,
    readonly code: string,
    readonly body: MeasureTargetRequestDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
