import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRunner } from '../../application/aggregate-runner';
import { runTaskCommand } from '../run-task-command';
import { AcknowledgeTaskCommand } from './acknowledge-task.command';

@CommandHandler(AcknowledgeTaskCommand)
export class AcknowledgeTaskHandler implements ICommandHandler<AcknowledgeTaskCommand> {
  constructor(private readonly runner: AggregateRunner) {}

  execute({ taskId, ctx }: AcknowledgeTaskCommand) {
    return runTaskCommand(this.runner, taskId, { type: 'AcknowledgeTask' }, ctx);
  }
}
