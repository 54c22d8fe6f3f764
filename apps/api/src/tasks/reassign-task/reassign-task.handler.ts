import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { invalid } from '@dondoc/domain/shared';
import { OfficeQuery } from '@dondoc/read-models/offices/office.query';
import { AggregateRunner } from '../../application/aggregate-runner';
import { runTaskCommand } from '../run-task-command';
import { ReassignTaskCommand } from './reassign-task.command';

@CommandHandler(ReassignTaskCommand)
export class ReassignTaskHandler implements ICommandHandler<ReassignTaskCommand> {
  constructor(
    private readonly runner: AggregateRunner,
    private readonly offices: OfficeQuery,
  ) {}

  async execute({ taskId, body, ctx }: ReassignTaskCommand) {
    const office = await this.offices.find(body.lead);
    if (!office || office.status !== 'active') throw invalid('UNKNOWN_OFFICE', `no active office ${body.lead}`, 'lead');
    return runTaskCommand(this.runner, taskId, { type: 'ReassignTask', lead: body.lead, reason: body.reason }, ctx, [body.lead]);
  }
}
