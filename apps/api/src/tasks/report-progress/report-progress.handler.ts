import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRunner } from '../../application/aggregate-runner';
import { runTaskCommand } from '../run-task-command';
import { ReportProgressCommand } from './report-progress.command';

@CommandHandler(ReportProgressCommand)
export class ReportProgressHandler implements ICommandHandler<ReportProgressCommand> {
  constructor(private readonly runner: AggregateRunner) {}

  execute({ taskId, body, ctx }: ReportProgressCommand) {
    return runTaskCommand(this.runner, taskId, { type: 'ReportProgress', note: body.note, percent: body.percent }, ctx);
  }
}
