import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { findingDecider, findingStreamId, requireMayRaiseRemediation } from '@dondoc/domain/inspection';
import { invalid, notFound } from '@dondoc/domain/shared';
import { taskDecider } from '@dondoc/domain/task';
import { AggregateRunner } from '../../application/aggregate-runner';
import { TaskAssignments } from '../../tasks/assign-task/task-assignments';
import { RaiseRemediationCommand } from './raise-remediation.command';

/**
 * Remediation tasks are assigned exactly as POST /v1/plans/:id/tasks assigns (TaskAssignments: the
 * same checks, one task per lead office), each linked to the finding (`findingId`), in the plan
 * named on the call or else the inspection's; the finding records RemediationRaised with their ids
 * in the same append. If-Match is the finding's version.
 */
@CommandHandler(RaiseRemediationCommand)
export class RaiseRemediationHandler implements ICommandHandler<RaiseRemediationCommand> {
  constructor(
    private readonly runner: AggregateRunner,
    private readonly assignments: TaskAssignments,
  ) {}

  async execute({ id, body, ctx }: RaiseRemediationCommand) {
    const { state: finding } = await this.runner.load(findingStreamId(id), findingDecider);
    if (!finding) throw notFound('FINDING_NOT_FOUND', `no finding ${id}`);
    // Who may act on the finding before anything about plans or offices is answered (the decision checks it again).
    requireMayRaiseRemediation(finding, await this.runner.contextFor(ctx, [finding.office]));
    const { plan: named, ...assignment } = body;
    const planId = named ?? finding.planId;
    if (!planId) throw invalid('PLAN_REQUIRED', 'the inspection belongs to no plan: name one (plan)', 'plan');
    const prepared = await this.assignments.prepare(planId, assignment, ctx, id);
    const taskIds = prepared.items.map((i) => i.command.taskId);
    const leads = prepared.items.map((i) => i.command.lead);
    return this.runner.runWithCreated(
      {
        streamId: findingStreamId(id),
        decider: findingDecider,
        command: { type: 'RaiseRemediation', data: { taskIds, planId, leads } },
        ctx,
        notFoundCode: 'FINDING_NOT_FOUND',
        offices: (state) => (state ? [state.inspectingOffice, state.office, ...leads] : leads),
      },
      { decider: taskDecider, items: prepared.items, offices: prepared.offices },
    );
  }
}
