import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { planDecider, planStreamId } from '@dondoc/domain/plan';
import { AggregateRunner } from '../../application/aggregate-runner';
import { MeasureTargetCommand } from './measure-target.command';

@CommandHandler(MeasureTargetCommand)
export class MeasureTargetHandler implements ICommandHandler<MeasureTargetCommand> {
  constructor(private readonly runner: AggregateRunner) {}

  execute({ planId, code, body, ctx }: MeasureTargetCommand) {
    return this.runner.run({
      streamId: planStreamId(planId),
      decider: planDecider,
      command: { type: 'MeasureTarget', data: { code, ...body } },
      ctx,
      notFoundCode: 'PLAN_NOT_FOUND',
      offices: (s) => [s?.issuer],
    });
  }
}
