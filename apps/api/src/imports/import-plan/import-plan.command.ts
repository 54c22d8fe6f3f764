import { Command } from '@nestjs/cqrs';
import type { ImportPreview, ImportWarning, PlanOverrides, ResolvedImport } from '@dondoc/domain/import';
import type { RequestContext } from '../../application/request-context';
import type { PlanUpload } from '../plan-upload.reader';

/** The answer of POST /v1/imports: 201 when written, 200 when the same file was imported before. */
export interface ImportAnswer {
  imported: boolean;
  detail: string;
  plan: { id: string; code: string };
  tasks: number;
  created: { offices: number; directives: number; tasks: number };
  registered: { offices: string[]; directives: string[] };
  noDeadline: string[];
  warnings: ImportWarning[];
  format: string;
  contentHash: string;
  occurredAt: string;
}

/** The answer of POST /v1/imports?dryRun=true: how the file is understood; nothing written. */
export interface PreviewAnswer extends ImportPreview {
  dryRun: true;
  format: string | null;
  contentHash: string | null;
}

export interface ImportOutcome {
  status: 200 | 201;
  answer: ImportAnswer | PreviewAnswer;
  /** Null when nothing was written. */
  position: string | null;
  /** The tasks created, by ref and lead office (empty on a repeat). */
  tasks: ResolvedImport['tasks'];
}

export class ImportPlanCommand extends Command<ImportOutcome> {
  constructor(
    readonly upload: PlanUpload,
    readonly overrides: PlanOverrides,
    readonly ctx: RequestContext,
    readonly dryRun = false,
    readonly fileName: string | null = null,
  ) {
    super();
  }
}
