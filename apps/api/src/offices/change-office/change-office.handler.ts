import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { officeDecider, officeStreamId } from '@dondoc/domain/office';
import { invalid } from '@dondoc/domain/shared';
import { OfficeQuery } from '@dondoc/read-models/offices/office.query';
import { AggregateRunner } from '../../application/aggregate-runner';
import { ChangeOfficeCommand } from './change-office.command';

@CommandHandler(ChangeOfficeCommand)
export class ChangeOfficeHandler implements ICommandHandler<ChangeOfficeCommand> {
  constructor(
    private readonly runner: AggregateRunner,
    private readonly offices: OfficeQuery,
  ) {}

  async execute({ code, change, ctx }: ChangeOfficeCommand) {
    // The new parent lives on another stream: whether it exists and is open is the application's to check.
    if (change.type === 'MoveOffice' && change.data.parent) {
      const parent = await this.offices.find(change.data.parent);
      if (!parent || parent.status !== 'active') throw invalid('UNKNOWN_OFFICE', `no active office ${change.data.parent}`, 'parent');
    }
    return this.runner.run({
      streamId: officeStreamId(code),
      decider: officeDecider,
      command: change,
      ctx,
      notFoundCode: 'OFFICE_NOT_FOUND',
      // The cycle check asks whether the new parent lies within the office itself.
      offices: () => [code, change.type === 'MoveOffice' ? change.data.parent : null],
    });
  }
}
