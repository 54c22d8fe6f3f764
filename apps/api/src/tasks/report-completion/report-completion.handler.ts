import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRunner } from '../../application/aggregate-runner';
import { runTaskCommand } from '../run-task-command';
import { ReportCompletionCommand } from './report-completion.command';

@CommandHandler(ReportCompletionCommand)
export class ReportCompletionHandler implements ICommandHandler<ReportCompletionCommand> {
  constructor(private readonly runner: AggregateRunner) {}

  execute({ taskId, body, ctx }: ReportCompletionCommand) {
    return runTaskCommand(this.runner, taskId, { type: 'ReportCompletion', ...body }, ctx);
  }
}
