import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { planCodeDecider, planCodeStreamId, planDecider, planStreamId } from '@dondoc/domain/plan';
import { conflict, invalid } from '@dondoc/domain/shared';
import { DirectiveQuery } from '@dondoc/read-models/directives/directive.query';
import { OfficeQuery } from '@dondoc/read-models/offices/office.query';
import { AggregateRunner, idFromRequest } from '../../application/aggregate-runner';
import { planCodeHolder } from '../plan-code-holder';
import { AdoptPlanCommand } from './adopt-plan.command';

/**
 * Checks what other streams know (directive, offices), claims the plan code when there is one,
 * then adopts the plan with its targets in one append.
 */
@CommandHandler(AdoptPlanCommand)
export class AdoptPlanHandler implements ICommandHandler<AdoptPlanCommand> {
  constructor(
    private readonly runner: AggregateRunner,
    private readonly offices: OfficeQuery,
    private readonly directives: DirectiveQuery,
  ) {}

  async execute({ body, ctx }: AdoptPlanCommand) {
    if (!(await this.offices.find(body.issuer))) throw invalid('UNKNOWN_OFFICE', `no office ${body.issuer}`, 'issuer');
    if (body.followUp && !(await this.offices.find(body.followUp)))
      throw invalid('UNKNOWN_OFFICE', `no office ${body.followUp}`, 'followUp');
    const directive = body.directiveId ? await this.directives.find(body.directiveId) : null;
    if (body.directiveId && !directive) throw invalid('UNKNOWN_DIRECTIVE', `no directive ${body.directiveId}`, 'directiveId');
    const id = idFromRequest(ctx, 'plan-id');
    const adopt = {
      streamId: planStreamId(id),
      decider: planDecider,
      command: { type: 'AdoptPlan' as const, data: { id, ...body, directiveIssuer: directive?.issuer } },
      ctx: { ...ctx, ifMatch: undefined },
      expectNew: true,
      offices: () => [body.issuer, body.followUp, directive?.issuer],
    };
    // Scope first (issuer, follow-up, the directive's line): a refused plan learns nothing of the
    // directive and leaves no code claimed.
    await this.runner.preflight(adopt);
    if (directive?.status === 'revoked') throw conflict('DIRECTIVE_REVOKED', `directive ${directive.number} is revoked`, 'directiveId');
    if (body.code) {
      // A claim from when codes were global still holds the code for its own issuer.
      const holder = await planCodeHolder(this.runner, body.issuer, body.code);
      if (holder && holder !== id)
        throw conflict('PLAN_CODE_TAKEN', `plan code ${body.code} is already used by another plan of this issuer`, 'code');
      await this.runner.run({
        streamId: planCodeStreamId(body.issuer, body.code),
        decider: planCodeDecider,
        command: { type: 'ClaimPlanCode', data: { code: body.code, planId: id, issuer: body.issuer } },
        ctx: { ...ctx, ifMatch: undefined },
      });
    }
    const result = await this.runner.run(adopt);
    return { ...result, id };
  }
}
