import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRunner } from '../../application/aggregate-runner';
import { runInspectionCommand } from '../run-inspection-command';
import { RescheduleInspectionCommand } from './reschedule-inspection.command';

@CommandHandler(RescheduleInspectionCommand)
export class RescheduleInspectionHandler implements ICommandHandler<RescheduleInspectionCommand> {
  constructor(private readonly runner: AggregateRunner) {}

  execute({ id, body, ctx }: RescheduleInspectionCommand) {
    return runInspectionCommand(this.runner, id, { type: 'RescheduleInspection', data: { period: body.period, reason: body.reason } }, ctx);
  }
}
