import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { planDecider, planStreamId } from '@dondoc/domain/plan';
import { conflict, invalid, notFound } from '@dondoc/domain/shared';
import { AssignTask, taskDecider, taskStreamId } from '@dondoc/domain/task';
import { OfficeQuery } from '@dondoc/read-models/offices/office.query';
import { randomUUID } from 'node:crypto';
import { AggregateRunner, eventIdFor } from '../../application/aggregate-runner';
import { AssignTaskCommand } from './assign-task.command';

/**
 * One task per lead office, created together (all or nothing). The plan is read from its stream
 * (not the read model): whether completion needs acceptance is the plan's rule at this moment.
 */
@CommandHandler(AssignTaskCommand)
export class AssignTaskHandler implements ICommandHandler<AssignTaskCommand> {
  constructor(
    private readonly runner: AggregateRunner,
    private readonly offices: OfficeQuery,
  ) {}

  async execute({ planId, body, ctx }: AssignTaskCommand) {
    const given = [body.dueOn, body.deadlinePhrase, body.recurrence].filter((x) => x !== undefined).length;
    // A recurrence may take its end from the phrase ("Thường xuyên trong năm 2024", monthly).
    if (given > 1 && !(given === 2 && body.deadlinePhrase && body.recurrence && !body.dueOn)) {
      throw invalid('DEADLINE_AMBIGUOUS', 'give exactly one of dueOn, deadlinePhrase or recurrence', 'dueOn');
    }
    const { state: plan } = await this.runner.load(planStreamId(planId), planDecider);
    if (!plan) throw notFound('PLAN_NOT_FOUND', `no plan ${planId}`);
    if (plan.status !== 'active') throw conflict('PLAN_CLOSED', `plan ${planId} is closed`);
    const leads = Array.isArray(body.lead) ? body.lead : [body.lead];
    const named = [...leads, ...(body.supporting ?? []), ...(body.followUp ? [body.followUp] : [])];
    const known = await this.offices.paths(named);
    const unknown = named.find((c) => !known.has(c));
    if (unknown) throw invalid('UNKNOWN_OFFICE', `no office ${unknown}`, leads.includes(unknown) ? 'lead' : body.followUp === unknown ? 'followUp' : 'supporting');
    const items = leads.map((lead) => {
      const taskId = ctx.idempotencyKey ? eventIdFor(`${ctx.actor.userId}:${ctx.idempotencyKey}`, `task-id:${lead}`, 0) : randomUUID();
      const command: AssignTask = {
        type: 'AssignTask',
        taskId,
        planId,
        title: body.title,
        description: body.description,
        lead,
        supporting: body.supporting,
        followUp: body.followUp ?? plan.followUp ?? undefined,
        criterion: body.criterion,
        expectedOutcome: body.expectedOutcome,
        target: body.target,
        parentTaskId: body.parentTaskId,
        requiresAcceptance: plan.requiresAcceptance,
        dueOn: body.dueOn,
        deadlinePhrase: body.deadlinePhrase,
        recurrence: body.recurrence,
        planEnd: plan.period.to,
      };
      return { streamId: taskStreamId(taskId), command };
    });
    return this.runner.createMany(taskDecider, items, ctx, leads);
  }
}
