import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRunner } from '../../application/aggregate-runner';
import { runTaskCommand } from '../run-task-command';
import { GrantExtensionCommand } from './grant-extension.command';

@CommandHandler(GrantExtensionCommand)
export class GrantExtensionHandler implements ICommandHandler<GrantExtensionCommand> {
  constructor(private readonly runner: AggregateRunner) {}

  execute({ taskId, body, ctx, requestId }: GrantExtensionCommand) {
    return runTaskCommand(this.runner, taskId, { type: 'GrantExtension', requestId: requestId!, dueOn: body.dueOn, note: body.note }, ctx);
  }
}
