import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { planDecider, planStreamId } from '@dondoc/domain/plan';
import { invalid } from '@dondoc/domain/shared';
import { taskDecider, taskStreamId } from '@dondoc/domain/task';
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
    // The plan's issuer bounds the new lead as it bounded the first one (the plan never changes issuer).
    const { state: task } = await this.runner.load(taskStreamId(taskId), taskDecider);
    const issuer = task ? (await this.runner.load(planStreamId(task.planId), planDecider)).state?.issuer : undefined;
    const command = { type: 'ReassignTask' as const, lead: body.lead, reason: body.reason, planIssuer: issuer };
    return runTaskCommand(this.runner, taskId, command, ctx, [body.lead, issuer]);
  }
}
