import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRunner } from '../../application/aggregate-runner';
import { runTaskCommand } from '../run-task-command';
import { ReturnCompletionCommand } from './return-completion.command';

@CommandHandler(ReturnCompletionCommand)
export class ReturnCompletionHandler implements ICommandHandler<ReturnCompletionCommand> {
  constructor(private readonly runner: AggregateRunner) {}

  execute({ taskId, body, ctx }: ReturnCompletionCommand) {
    return runTaskCommand(this.runner, taskId, { type: 'ReturnCompletion', ...body }, ctx);
  }
}
