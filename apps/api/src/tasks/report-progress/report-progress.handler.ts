import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRunner } from '../../application/aggregate-runner';
import { EvidenceResolver } from '../../files/evidence-resolver';
import type { Evidence } from '@dondoc/domain/task';
import { runTaskCommand } from '../run-task-command';
import { ReportProgressCommand } from './report-progress.command';

@CommandHandler(ReportProgressCommand)
export class ReportProgressHandler implements ICommandHandler<ReportProgressCommand> {
  constructor(
    private readonly runner: AggregateRunner,
    private readonly evidence: EvidenceResolver,
  ) {}

  async execute({ taskId, body, ctx }: ReportProgressCommand) {
    const evidence = (await this.evidence.resolve(body.evidence, ctx.recordedAt)) as Evidence[] | undefined;
    return runTaskCommand(this.runner, taskId, { type: 'ReportProgress', note: body.note, percent: body.percent, evidence }, ctx);
  }
}
