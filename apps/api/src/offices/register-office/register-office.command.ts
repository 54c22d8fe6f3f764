import { Command } from '@nestjs/cqrs';
import type { RunResult } from '../../application/aggregate-runner';
import type { RequestContext } from '../../application/request-context';
import type { RegisterOfficeRequestDto } from './register-office.request.dto';

export class RegisterOfficeCommand extends Command<RunResult<unknown, unknown>> {
  constructor(
    readonly body: RegisterOfficeRequestDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
