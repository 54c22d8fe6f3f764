import { Command } from '@nestjs/cqrs';
import type { TaskState } from '@dondoc/domain/task';
import type { RunResult } from '../../application/aggregate-runner';
import type { RequestContext } from '../../application/request-context';
import type { RaiseRemediationRequestDto } from './raise-remediation.request.dto';

export class RaiseRemediationCommand extends Command<{
  head: RunResult<unknown, unknown>;
  created: RunResult<TaskState | null, unknown>[];
}> {
  constructor(
    readonly id: string,
    readonly body: RaiseRemediationRequestDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
