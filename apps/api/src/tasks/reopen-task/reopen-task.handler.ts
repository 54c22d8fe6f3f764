import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRunner } from '../../application/aggregate-runner';
import { runTaskCommand } from '../run-task-command';
import { ReopenTaskCommand } from './reopen-task.command';

@CommandHandler(ReopenTaskCommand)
export class ReopenTaskHandler implements ICommandHandler<ReopenTaskCommand> {
  constructor(private readonly runner: AggregateRunner) {}

  execute({ taskId, body, ctx }: ReopenTaskCommand) {
    return runTaskCommand(this.runner, taskId, { type: 'ReopenTask', ...body }, ctx);
  }
}
