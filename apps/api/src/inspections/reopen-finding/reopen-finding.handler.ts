import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRunner } from '../../application/aggregate-runner';
import { runFindingCommand } from '../run-inspection-command';
import { ReopenFindingCommand } from './reopen-finding.command';

@CommandHandler(ReopenFindingCommand)
export class ReopenFindingHandler implements ICommandHandler<ReopenFindingCommand> {
  constructor(private readonly runner: AggregateRunner) {}

  execute({ id, body, ctx }: ReopenFindingCommand) {
    return runFindingCommand(this.runner, id, { type: 'ReopenFinding', data: { reason: body.reason } }, ctx);
  }
}
