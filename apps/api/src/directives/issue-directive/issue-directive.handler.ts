import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { directiveDecider, directiveKey, directiveNumberDecider, directiveStreamId, existingDirectiveId } from '@dondoc/domain/directive';
import { invalid } from '@dondoc/domain/shared';
import { OfficeQuery } from '@dondoc/read-models/offices/office.query';
import { AggregateRunner, idFromRequest } from '../../application/aggregate-runner';
import { IssueDirectiveCommand, IssueDirectiveResult } from './issue-directive.command';

/**
 * Claims the number for the issuer first (same number and date: the same directive, answered
 * again; another date: 409), then issues the directive. A crash between the two heals on retry:
 * the claim names the id, and the directive stream is still empty.
 */
@CommandHandler(IssueDirectiveCommand)
export class IssueDirectiveHandler implements ICommandHandler<IssueDirectiveCommand> {
  constructor(
    private readonly runner: AggregateRunner,
    private readonly offices: OfficeQuery,
  ) {}

  async execute({ body, ctx }: IssueDirectiveCommand): Promise<IssueDirectiveResult> {
    if (!(await this.offices.find(body.issuer))) throw invalid('UNKNOWN_OFFICE', `no office ${body.issuer}`, 'issuer');
    const proposedId = idFromRequest(ctx, 'directive-id');
    const claim = await this.runner.run({
      streamId: directiveKey(body.issuer, body.number),
      decider: directiveNumberDecider,
      command: {
        type: 'ClaimDirectiveNumber',
        data: { issuer: body.issuer, number: body.number, issuedOn: body.issuedOn, directiveId: proposedId },
      },
      ctx: { ...ctx, ifMatch: undefined },
      offices: () => [body.issuer],
    });
    const id = existingDirectiveId(claim.state) ?? proposedId;
    const existing = await this.runner.load(directiveStreamId(id), directiveDecider);
    if (existing.version > 0) return { id, version: existing.version, created: false, position: claim.position };
    const issued = await this.runner.run({
      streamId: directiveStreamId(id),
      decider: directiveDecider,
      command: { type: 'IssueDirective', data: { id, ...body } },
      ctx: { ...ctx, ifMatch: undefined },
      expectNew: true,
      offices: () => [body.issuer],
    });
    return { id, version: issued.version, created: true, position: issued.position };
  }
}
