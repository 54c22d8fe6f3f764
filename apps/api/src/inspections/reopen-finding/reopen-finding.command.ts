import { Command } from '@nestjs/cqrs';
import type { RunResult } from '../../application/aggregate-runner';
import type { RequestContext } from '../../application/request-context';
import type { ReopenFindingRequestDto } from './reopen-finding.request.dto';

export class ReopenFindingCommand extends Command<RunResult<unknown, unknown>> {
  constructor(
    readonly id: string,
    readonly body: ReopenFindingRequestDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
