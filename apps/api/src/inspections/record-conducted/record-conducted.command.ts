import { Command } from '@nestjs/cqrs';
import type { RunResult } from '../../application/aggregate-runner';
import type { RequestContext } from '../../application/request-context';
import type { RecordConductedRequestDto } from './record-conducted.request.dto';

export class RecordConductedCommand extends Command<RunResult<unknown, unknown>> {
  constructor(
    readonly id: string,
    readonly body: RecordConductedRequestDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
