import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { findingDecider, findingStreamId, inspectionDecider, inspectionStreamId } from '@dondoc/domain/inspection';
import { DomainError, notFound } from '@dondoc/domain/shared';
import { randomUUID } from 'node:crypto';
import { AggregateRunner, eventIdFor } from '../../application/aggregate-runner';
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
      throw new DomainError('VERSION_MISMATCH', 'precondition', `the record is at version ${version}; reload and retry`);
    }
    const findingId = ctx.idempotencyKey ? eventIdFor(`${ctx.actor.userId}:${ctx.idempotencyKey}`, `finding-id:${id}`, 0) : randomUUID();
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
