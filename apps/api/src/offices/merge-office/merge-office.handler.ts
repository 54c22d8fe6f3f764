import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { officeDecider, officeStreamId } from '@dondoc/domain/office';
import { invalid } from '@dondoc/domain/shared';
import { taskDecider } from '@dondoc/domain/task';
import { taskStreamId } from '@dondoc/domain/task/task-stream';
import { OfficeQuery } from '@dondoc/read-models/offices/office.query';
import { TaskQuery } from '@dondoc/read-models/tasks/task.query';
import { AggregateRunner } from '../../application/aggregate-runner';
import { MergeOfficeCommand, MergeOfficeResult } from './merge-office.command';

/**
 * OfficeMerged on the office, then each of its open tasks moves to the successor (one
 * TaskReassigned per task, on the task's own stream). A retry with the same Idempotency-Key
 * derives the same event ids, so a merge interrupted half-way completes without duplicates.
 */
@CommandHandler(MergeOfficeCommand)
export class MergeOfficeHandler implements ICommandHandler<MergeOfficeCommand> {
  constructor(
    private readonly runner: AggregateRunner,
    private readonly offices: OfficeQuery,
    private readonly tasks: TaskQuery,
  ) {}

  async execute({ code, body, ctx }: MergeOfficeCommand): Promise<MergeOfficeResult> {
    const successor = await this.offices.find(body.into);
    if (!successor || successor.status !== 'active') throw invalid('UNKNOWN_OFFICE', `no active office ${body.into}`, 'into');
    const office = await this.runner.run({
      streamId: officeStreamId(code),
      decider: officeDecider,
      command: { type: 'MergeOffice', data: { into: body.into, reason: body.reason } },
      ctx,
      notFoundCode: 'OFFICE_NOT_FOUND',
    });
    const movedTasks = [];
    for (const taskId of await this.tasks.openTaskIdsLedBy(code)) {
      movedTasks.push(
        await this.runner.run({
          streamId: taskStreamId(taskId),
          decider: taskDecider,
          command: { type: 'MoveToSuccessor', successor: body.into, reason: body.reason },
          ctx,
          offices: (s) => [s?.lead, body.into],
        }),
      );
    }
    return { office, movedTasks };
  }
}
