import { Injectable } from '@nestjs/common';
import { directiveDecider, directiveStreamId } from '@dondoc/domain/directive';
import { Plan, planDecider, planStreamId } from '@dondoc/domain/plan';
import { Actor, conflict, forbidden, invalid, notFound } from '@dondoc/domain/shared';
import { AssignTask, taskDecider, taskStreamId } from '@dondoc/domain/task';
import { OfficeQuery } from '@dondoc/read-models/offices/office.query';
import { AggregateRunner, idFromRequest } from '../../application/aggregate-runner';
import type { RequestContext } from '../../application/request-context';
import type { AssignTaskRequestDto } from './assign-task.request.dto';

export interface PreparedAssignment {
  plan: Plan;
  items: { streamId: string; command: AssignTask }[];
  /** Every office the decisions ask about (plan issuer, leads, supporting, follow-up). */
  offices: string[];
}

/**
 * The task assignment of POST /v1/plans/:id/tasks, shared with the remediation of a finding
 * (POST /v1/findings/:id/remediation): the same checks, one AssignTask per lead office. The plan is
 * read from its stream (not the read model): whether completion needs acceptance is the plan's
 * rule at this moment, and its issuer bounds who may add tasks.
 */
@Injectable()
export class TaskAssignments {
  constructor(
    private readonly runner: AggregateRunner,
    private readonly offices: OfficeQuery,
  ) {}

  async prepare(planId: string, body: AssignTaskRequestDto, ctx: RequestContext, findingId?: string): Promise<PreparedAssignment> {
    const { state: plan } = await this.runner.load(planStreamId(planId), planDecider);
    if (!plan) throw notFound('PLAN_NOT_FOUND', `no plan ${planId}`);
    // Scope before state: an outsider learns nothing of the plan (closed or not, which offices exist).
    await this.requirePlanInScope(ctx.actor, plan.issuer);
    if (plan.status !== 'active') throw conflict('PLAN_CLOSED', `plan ${planId} is closed`);
    if (body.parentTaskId) {
      // A sub-task belongs to a task of the same plan; any other parent (another district's task
      // included) answers as a missing one, so the answer tells nothing of it.
      const { state: parent } = await this.runner.load(taskStreamId(body.parentTaskId), taskDecider);
      if (!parent || parent.planId !== planId)
        throw invalid('UNKNOWN_PARENT_TASK', `no task ${body.parentTaskId} in this plan`, 'parentTaskId');
    }
    // "Kể từ ngày ký" counts from the signing of the plan's directive (the plan's start without one).
    const directive = plan.directiveId ? (await this.runner.load(directiveStreamId(plan.directiveId), directiveDecider)).state : null;
    const planSignedOn = directive?.issuedOn ?? plan.period.from;
    const leads = Array.isArray(body.lead) ? body.lead : [body.lead];
    const named = [...leads, ...(body.supporting ?? []), ...(body.followUp ? [body.followUp] : [])];
    const known = await this.offices.paths(named);
    const unknown = named.find((c) => !known.has(c));
    if (unknown)
      throw invalid(
        'UNKNOWN_OFFICE',
        `no office ${unknown}`,
        leads.includes(unknown) ? 'lead' : body.followUp === unknown ? 'followUp' : 'supporting',
      );
    const items = leads.map((lead) => {
      const taskId = idFromRequest(ctx, `task-id:${lead}`);
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
        ...(findingId ? { findingId } : {}),
        requiresAcceptance: plan.requiresAcceptance,
        planIssuer: plan.issuer,
        dueOn: body.dueOn,
        deadlinePhrase: body.deadlinePhrase,
        recurrence: body.recurrence,
        planEnd: plan.period.to,
        planSignedOn,
      };
      return { streamId: taskStreamId(taskId), command };
    });
    const followUp = body.followUp ?? plan.followUp;
    return { plan, items, offices: [plan.issuer, ...named, ...(followUp ? [followUp] : [])] };
  }

  /** The domain decides the same again; this only puts the 403 before any other answer. */
  private async requirePlanInScope(actor: Actor, issuer: string): Promise<void> {
    if (actor.role === 'admin') return;
    if (actor.role !== 'leader') throw forbidden('ROLE_NOT_ALLOWED', `the ${actor.role} role may not do this`);
    const paths = await this.offices.paths([actor.office, issuer]);
    const mine = paths.get(actor.office);
    const theirs = paths.get(issuer);
    if (!mine || !theirs || !theirs.startsWith(mine)) throw forbidden('OUTSIDE_SUBTREE', 'the plan is outside your subtree');
  }
}
