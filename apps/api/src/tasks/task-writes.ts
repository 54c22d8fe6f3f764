import { Injectable } from '@nestjs/common';
import { TaskCommand, taskDecider, taskStreamId } from '@dondoc/domain/task';
import type { Response } from 'express';
import { AggregateRunner } from '../application/aggregate-runner';
import { RequestContext } from '../application/request-context';
import { WriteResponder } from '../application/write-responder';

/**
 * A lifecycle command on one task, for the use-case routes: decided on the task's stream, scoped
 * by its lead (and any office the command names), answered once projected with `{ id, version }`
 * and the version as ETag.
 */
@Injectable()
export class TaskWrites {
  constructor(
    readonly runner: AggregateRunner,
    private readonly responder: WriteResponder,
  ) {}

  async run(res: Response, taskId: string, command: TaskCommand, ctx: RequestContext, offices: (string | undefined)[] = []) {
    const result = await this.runner.run({
      streamId: taskStreamId(taskId),
      decider: taskDecider,
      command,
      ctx,
      notFoundCode: 'TASK_NOT_FOUND',
      offices: (state) => [state?.lead, ...offices],
    });
    await this.responder.finish(res, [result]);
    return { id: taskId, version: result.version };
  }
}
