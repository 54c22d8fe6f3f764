import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRunner } from '../../application/aggregate-runner';
import { EvidenceResolver } from '../../files/evidence-resolver';
import type { Evidence } from '@dondoc/domain/task';
import { runTaskCommand } from '../run-task-command';
import { ReportCompletionCommand } from './report-completion.command';

@CommandHandler(ReportCompletionCommand)
export class ReportCompletionHandler implements ICommandHandler<ReportCompletionCommand> {
  constructor(
    private readonly runner: AggregateRunner,
    private readonly evidence: EvidenceResolver,
  ) {}

  async execute({ taskId, body, ctx }: ReportCompletionCommand) {
    const evidence = (await this.evidence.resolve(body.evidence, ctx.recordedAt)) as Evidence[] | undefined;
    return runTaskCommand(this.runner, taskId, { type: 'ReportCompletion', ...body, evidence }, ctx);
  }
}
