import { Command } from '@nestjs/cqrs';
import type { RunResult } from '../../application/aggregate-runner';
import type { RequestContext } from '../../application/request-context';
import type { ResolveFindingRequestDto } from './resolve-finding.request.dto';

export class ResolveFindingCommand extends Command<RunResult<unknown, unknown>> {
  constructor(
    readonly id: string,
    readonly body: ResolveFindingRequestDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
