import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRunner } from '../../application/aggregate-runner';
import { runFindingCommand } from '../run-inspection-command';
import { WithdrawFindingCommand } from './withdraw-finding.command';

@CommandHandler(WithdrawFindingCommand)
export class WithdrawFindingHandler implements ICommandHandler<WithdrawFindingCommand> {
  constructor(private readonly runner: AggregateRunner) {}

  execute({ id, body, ctx }: WithdrawFindingCommand) {
    return runFindingCommand(this.runner, id, { type: 'WithdrawFinding', data: { reason: body.reason } }, ctx);
  }
}
