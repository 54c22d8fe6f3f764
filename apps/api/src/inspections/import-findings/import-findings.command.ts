import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../application/request-context';

export interface ImportFindingsOutcome {
  status: 200 | 201;
  answer: object;
  position: string | null;
}

export class ImportFindingsCommand extends Command<ImportFindingsOutcome> {
  constructor(
    readonly inspectionId: string,
    readonly upload: { contentType: string | undefined; body: unknown },
    readonly ctx: RequestContext,
    readonly dryRun: boolean,
  ) {
    super();
  }
}
