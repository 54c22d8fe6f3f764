import { TaskCommand, taskDecider, taskStreamId } from '@dondoc/domain/task';
import { AggregateRunner } from '../application/aggregate-runner';
import { RequestContext } from '../application/request-context';

/** Every lifecycle command: on the task's stream, scoped by its lead (and any office it names). */
export function runTaskCommand(runner: AggregateRunner, taskId: string, command: TaskCommand, ctx: RequestContext, offices: (string | undefined)[] = []) {
  return runner.run({
    streamId: taskStreamId(taskId),
    decider: taskDecider,
    command,
    ctx,
    notFoundCode: 'TASK_NOT_FOUND',
    offices: (state) => [state?.lead, ...offices],
  });
}
