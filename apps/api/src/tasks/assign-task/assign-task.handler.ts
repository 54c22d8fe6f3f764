import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { taskDecider } from '@dondoc/domain/task';
import { AggregateRunner } from '../../application/aggregate-runner';
import { AssignTaskCommand } from './assign-task.command';
import { TaskAssignments } from './task-assignments';

/** One task per lead office, created together (all or nothing); the checks are TaskAssignments'. */
@CommandHandler(AssignTaskCommand)
export class AssignTaskHandler implements ICommandHandler<AssignTaskCommand> {
  constructor(
    private readonly runner: AggregateRunner,
    private readonly assignments: TaskAssignments,
  ) {}

  async execute({ planId, body, ctx }: AssignTaskCommand) {
    const { items, offices } = await this.assignments.prepare(planId, body, ctx);
    return this.runner.createMany(taskDecider, items, ctx, offices);
  }
}
