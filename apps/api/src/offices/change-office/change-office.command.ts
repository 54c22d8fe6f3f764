import { Command } from '@nestjs/cqrs';
import type { CloseOffice, MoveOffice, RenameOffice } from '@dondoc/domain/office';
import type { RunResult } from '../../application/aggregate-runner';
import type { RequestContext } from '../../application/request-context';

/** Rename, move or close one office (admin): one event on its own stream, or none when nothing changes. */
export class ChangeOfficeCommand extends Command<RunResult<unknown, unknown>> {
  constructor(
    readonly code: string,
    readonly change: RenameOffice | MoveOffice | CloseOffice,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
