import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRunner } from '../../application/aggregate-runner';
import { runTaskCommand } from '../run-task-command';
import { CancelTaskCommand } from './cancel-task.command';

@CommandHandler(CancelTaskCommand)
export class CancelTaskHandler implements ICommandHandler<CancelTaskCommand> {
  constructor(private readonly runner: AggregateRunner) {}

  execute({ taskId, body, ctx }: CancelTaskCommand) {
    return runTaskCommand(this.runner, taskId, { type: 'CancelTask', reason: body.reason }, ctx);
  }
}
