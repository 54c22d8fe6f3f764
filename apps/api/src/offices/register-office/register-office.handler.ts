import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { officeDecider, officeStreamId } from '@dondoc/domain/office';
import { invalid } from '@dondoc/domain/shared';
import { OfficeQuery } from '@dondoc/read-models/offices/office.query';
import { AggregateRunner } from '../../application/aggregate-runner';
import { RegisterOfficeCommand } from './register-office.command';

@CommandHandler(RegisterOfficeCommand)
export class RegisterOfficeHandler implements ICommandHandler<RegisterOfficeCommand> {
  constructor(
    private readonly runner: AggregateRunner,
    private readonly offices: OfficeQuery,
  ) {}

  async execute({ body, ctx }: RegisterOfficeCommand) {
    if (body.parent && !(await this.offices.find(body.parent))) {
      throw invalid('UNKNOWN_OFFICE', `no office ${body.parent}`, 'parent');
    }
    return this.runner.run({
      streamId: officeStreamId(body.code),
      decider: officeDecider,
      command: { type: 'RegisterOffice', data: { ...body } },
      ctx,
    });
  }
}
