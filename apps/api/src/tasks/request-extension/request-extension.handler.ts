import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRunner } from '../../application/aggregate-runner';
import { runTaskCommand } from '../run-task-command';
import { RequestExtensionCommand } from './request-extension.command';

@CommandHandler(RequestExtensionCommand)
export class RequestExtensionHandler implements ICommandHandler<RequestExtensionCommand> {
  constructor(private readonly runner: AggregateRunner) {}

  execute({ taskId, body, ctx, requestId }: RequestExtensionCommand) {
    return runTaskCommand(this.runner, taskId, { type: 'RequestExtension', requestId: requestId!, dueOn: body.dueOn, phrase: body.deadlinePhrase, reason: body.reason }, ctx);
  }
}
