import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRunner } from '../../application/aggregate-runner';
import { runTaskCommand } from '../run-task-command';
import { DenyExtensionCommand } from './deny-extension.command';

@CommandHandler(DenyExtensionCommand)
export class DenyExtensionHandler implements ICommandHandler<DenyExtensionCommand> {
  constructor(private readonly runner: AggregateRunner) {}

  execute({ taskId, body, ctx, requestId }: DenyExtensionCommand) {
    return runTaskCommand(this.runner, taskId, { type: 'DenyExtension', requestId: requestId!, reason: body.reason }, ctx);
  }
}
