import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRunner } from '../../application/aggregate-runner';
import { runInspectionCommand } from '../run-inspection-command';
import { ConcludeInspectionCommand } from './conclude-inspection.command';

@CommandHandler(ConcludeInspectionCommand)
export class ConcludeInspectionHandler implements ICommandHandler<ConcludeInspectionCommand> {
  constructor(private readonly runner: AggregateRunner) {}

  execute({ id, body, ctx }: ConcludeInspectionCommand) {
    return runInspectionCommand(
      this.runner,
      id,
      { type: 'ConcludeInspection', data: { documentNumber: body.documentNumber, concludedOn: body.concludedOn } },
      ctx,
    );
  }
}
