import { Command } from '@nestjs/cqrs';
import type { RunResult } from '../../application/aggregate-runner';
import type { RequestContext } from '../../application/request-context';
import type { RecordFindingRequestDto } from './record-finding.request.dto';

export class RecordFindingCommand extends Command<RunResult<unknown, unknown> & { findingId: string }> {
  constructor(
    readonly id: string,
    readonly body: RecordFindingRequestDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
