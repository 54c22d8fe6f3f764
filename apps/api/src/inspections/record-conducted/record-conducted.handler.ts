import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRunner } from '../../application/aggregate-runner';
import { runInspectionCommand } from '../run-inspection-command';
import { RecordConductedCommand } from './record-conducted.command';

@CommandHandler(RecordConductedCommand)
export class RecordConductedHandler implements ICommandHandler<RecordConductedCommand> {
  constructor(private readonly runner: AggregateRunner) {}

  execute({ id, body, ctx }: RecordConductedCommand) {
    return runInspectionCommand(this.runner, id, { type: 'RecordInspectionConducted', data: { office: body.office, on: body.on } }, ctx);
  }
}
