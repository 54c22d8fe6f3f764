import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { inspectionDecider, inspectionStreamId } from '@dondoc/domain/inspection';
import { planDecider, planStreamId } from '@dondoc/domain/plan';
import { invalid } from '@dondoc/domain/shared';
import { OfficeQuery } from '@dondoc/read-models/offices/office.query';
import { AggregateRunner, idFromRequest } from '../../application/aggregate-runner';
import { PlanInspectionCommand } from './plan-inspection.command';

/**
 * Checks what other streams know (the offices exist; the plan, its issuer and its count targets),
 * then plans the inspection. The inspection's `code` is kept as written, not claimed: unlike a
 * plan's, no import keys on it.
 */
@CommandHandler(PlanInspectionCommand)
export class PlanInspectionHandler implements ICommandHandler<PlanInspectionCommand> {
  constructor(
    private readonly runner: AggregateRunner,
    private readonly offices: OfficeQuery,
  ) {}

  async execute({ body, ctx }: PlanInspectionCommand) {
    const named = [body.inspectingOffice, ...body.offices];
    const known = await this.offices.paths(named);
    const unknown = named.find((c) => !known.has(c));
    if (unknown)
      throw invalid('UNKNOWN_OFFICE', `no office ${unknown}`, unknown === body.inspectingOffice ? 'inspectingOffice' : 'offices');
    let plan: { issuer: string; countTargets: string[] } | undefined;
    if (body.plan) {
      const { state } = await this.runner.load(planStreamId(body.plan), planDecider);
      if (!state) throw invalid('UNKNOWN_PLAN', `no plan ${body.plan}`, 'plan');
      plan = { issuer: state.issuer, countTargets: state.targetOrder.filter((c) => state.targets[c].definition.unit === 'count') };
    }
    const id = idFromRequest(ctx, 'inspection-id');
    const result = await this.runner.run({
      streamId: inspectionStreamId(id),
      decider: inspectionDecider,
      command: {
        type: 'PlanInspection',
        data: {
          id,
          code: body.code,
          title: body.title,
          inspectingOffice: body.inspectingOffice,
          offices: body.offices,
          period: body.period,
          criteria: body.criteria,
          planId: body.plan,
          target: body.target,
          plan,
        },
      },
      ctx: { ...ctx, ifMatch: undefined },
      expectNew: true,
      offices: () => [...named, plan?.issuer],
    });
    return { ...result, id };
  }
}
