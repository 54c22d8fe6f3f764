import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Evidence } from '@dondoc/domain/task';
import { AggregateRunner } from '../../application/aggregate-runner';
import { EvidenceResolver } from '../../files/evidence-resolver';
import { runFindingCommand } from '../run-inspection-command';
import { ResolveFindingCommand } from './resolve-finding.command';

/** Evidence as for task reports: `{ fileId }` becomes the uploaded file's recorded facts. */
@CommandHandler(ResolveFindingCommand)
export class ResolveFindingHandler implements ICommandHandler<ResolveFindingCommand> {
  constructor(
    private readonly runner: AggregateRunner,
    private readonly evidence: EvidenceResolver,
  ) {}

  async execute({ id, body, ctx }: ResolveFindingCommand) {
    const evidence = (await this.evidence.resolve(body.evidence, ctx.recordedAt)) as Evidence[] | undefined;
    return runFindingCommand(this.runner, id, { type: 'ResolveFinding', data: { note: body.note, evidence } }, ctx);
  }
}
