import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRunner } from '../../application/aggregate-runner';
import { runTaskCommand } from '../run-task-command';
import { AcceptCompletionCommand } from './accept-completion.command';

@CommandHandler(AcceptCompletionCommand)
export class AcceptCompletionHandler implements ICommandHandler<AcceptCompletionCommand> {
  constructor(private readonly runner: AggregateRunner) {}

  execute({ taskId, body, ctx }: AcceptCompletionCommand) {
    return runTaskCommand(this.runner, taskId, { type: 'AcceptCompletion', ...body }, ctx);
  }
}
