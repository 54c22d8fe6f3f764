import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRunner } from '../../application/aggregate-runner';
import { runTaskCommand } from '../run-task-command';
import { ChangeDeadlineCommand } from './change-deadline.command';

@CommandHandler(ChangeDeadlineCommand)
export class ChangeDeadlineHandler implements ICommandHandler<ChangeDeadlineCommand> {
  constructor(private readonly runner: AggregateRunner) {}

  execute({ taskId, body, ctx }: ChangeDeadlineCommand) {
    return runTaskCommand(this.runner, taskId, { type: 'ChangeDeadline', dueOn: body.dueOn, reason: body.reason }, ctx);
  }
}
