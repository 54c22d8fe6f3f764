import { Command } from '@nestjs/cqrs';
import type { RunResult } from '../../application/aggregate-runner';
import type { RequestContext } from '../../application/request-context';
import type { MergeOfficeRequestDto } from './merge-office.request.dto';

export interface MergeOfficeResult {
  office: RunResult<unknown, unknown>;
  movedTasks: RunResult<unknown, unknown>[];
}

export class MergeOfficeCommand extends Command<MergeOfficeResult> {
  constructor(
    readonly code: string,
    readonly body: MergeOfficeRequestDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
