import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { findingDecider, findingStreamId, inspectionDecider, inspectionStreamId } from '@dondoc/domain/inspection';
import { notFound } from '@dondoc/domain/shared';
import { AggregateRunner, idFromRequest } from '../../application/aggregate-runner';
import { ApiError } from '../../http/api-error';
import { RecordFindingCommand } from './record-finding.command';

/**
 * A new finding stream, decided with its inspection's state as it is now (read from the
 * inspection's stream). If-Match, when sent, is the inspection's version: a finding is recorded
 * against the inspection the client saw.
 */
@CommandHandler(RecordFindingCommand)
export class RecordFindingHandler implements ICommandHandler<RecordFindingCommand> {
  constructor(private readonly runner: AggregateRunner) {}

  async execute({ id, body, ctx }: RecordFindingCommand) {
    const { state: inspection, version } = await this.runner.load(inspectionStreamId(id), inspectionDecider);
    if (!inspection) throw notFound('INSPECTION_NOT_FOUND', `no inspection ${id}`);
    if (ctx.ifMatch !== undefined && ctx.ifMatch !== version) {
      throw new ApiError('VERSION_MISMATCH', 'precondition', `the record is at version ${version}; reload and retry`);
    }
    const findingId = idFromRequest(ctx, `finding-id:${id}`);
    const result = await this.runner.run({
      streamId: findingStreamId(findingId),
      decider: findingDecider,
      command: { type: 'RecordFinding', data: { findingId, inspection, ...body } },
      ctx: { ...ctx, ifMatch: undefined },
      expectNew: true,
      offices: () => [inspection.inspectingOffice, ...inspection.offices],
    });
    return { ...result, findingId };
  }
}
