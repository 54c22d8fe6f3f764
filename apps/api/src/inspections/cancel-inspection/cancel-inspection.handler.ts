import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRunner } from '../../application/aggregate-runner';
import { runInspectionCommand } from '../run-inspection-command';
import { CancelInspectionCommand } from './cancel-inspection.command';

@CommandHandler(CancelInspectionCommand)
export class CancelInspectionHandler implements ICommandHandler<CancelInspectionCommand> {
  constructor(private readonly runner: AggregateRunner) {}

  execute({ id, body, ctx }: CancelInspectionCommand) {
    return runInspectionCommand(this.runner, id, { type: 'CancelInspection', data: { reason: body.reason } }, ctx);
  }
}
