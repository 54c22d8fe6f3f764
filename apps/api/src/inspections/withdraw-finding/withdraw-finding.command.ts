import { Command } from '@nestjs/cqrs';
import type { RunResult } from '../../application/aggregate-runner';
import type { RequestContext } from '../../application/request-context';
import type { WithdrawFindingRequestDto } from './withdraw-finding.request.dto';

export class WithdrawFindingCommand extends Command<RunResult<unknown, unknown>> {
  constructor(
    readonly id: string,
    readonly body: WithdrawFindingRequestDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
