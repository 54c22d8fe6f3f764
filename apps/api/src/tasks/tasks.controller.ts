import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CONTENT_TYPE } from '../reports/export-report/export-format';
import { TaskEventsResponseDto, TaskListResponseDto, TaskViewDto } from './task.response.dto';
import { Actor, CLOCK, Clock, forbidden, invalid, notFound, parseInstantOrDate } from '@dondoc/domain/shared';
import { TaskEvent, TaskState, evolveTask, taskStreamId } from '@dondoc/domain/task';
import { EVENT_STORE, EventStore } from '@dondoc/event-store';
import { TaskQuery } from '@dondoc/read-models/tasks/task.query';
import { taskView } from '@dondoc/read-models/tasks/task.view';
import { PlanQuery } from '@dondoc/read-models/plans/plan.query';
import { Inject } from '@nestjs/common';
import type { Response } from 'express';
import { RunResult } from '../application/aggregate-runner';
import { ReadScope } from '../application/read-scope';
import { Ctx, RequestContext } from '../application/request-context';
import { WriteResponder } from '../application/write-responder';
import { CurrentActor } from '../http/auth/current-actor.decorator';
import { AcceptCompletionCommand } from './accept-completion/accept-completion.command';
import { AcceptCompletionRequestDto } from './accept-completion/accept-completion.request.dto';
import { AcknowledgeTaskCommand } from './acknowledge-task/acknowledge-task.command';
import { AcknowledgeTaskRequestDto } from './acknowledge-task/acknowledge-task.request.dto';
import { AssignTaskCommand } from './assign-task/assign-task.command';
import { AssignTaskRequestDto } from './assign-task/assign-task.request.dto';
import { CancelTaskCommand } from './cancel-task/cancel-task.command';
import { CancelTaskRequestDto } from './cancel-task/cancel-task.request.dto';
import { ChangeDeadlineCommand } from './change-deadline/change-deadline.command';
import { ChangeDeadlineRequestDto } from './change-deadline/change-deadline.request.dto';
import { DenyExtensionCommand } from './deny-extension/deny-extension.command';
import { DenyExtensionRequestDto } from './deny-extension/deny-extension.request.dto';
import { GrantExtensionCommand } from './grant-extension/grant-extension.command';
import { GrantExtensionRequestDto } from './grant-extension/grant-extension.request.dto';
import { ReassignTaskCommand } from './reassign-task/reassign-task.command';
import { ReassignTaskRequestDto } from './reassign-task/reassign-task.request.dto';
import { ReopenTaskCommand } from './reopen-task/reopen-task.command';
import { ReopenTaskRequestDto } from './reopen-task/reopen-task.request.dto';
import { ReportCompletionCommand } from './report-completion/report-completion.command';
import { ReportCompletionRequestDto } from './report-completion/report-completion.request.dto';
import { ReportProgressCommand } from './report-progress/report-progress.command';
import { ReportProgressRequestDto } from './report-progress/report-progress.request.dto';
import { RequestExtensionCommand } from './request-extension/request-extension.command';
import { RequestExtensionRequestDto } from './request-extension/request-extension.request.dto';
import { ReturnCompletionCommand } from './return-completion/return-completion.command';
import { ReturnCompletionRequestDto } from './return-completion/return-completion.request.dto';
import { TaskListQueryDto, TaskReadQueryDto } from './task-read.query.dto';
import { randomUUID } from 'node:crypto';
import { eventIdFor } from '../application/aggregate-runner';
import { ReportExportService } from '../reports/export-report/report-export.service';

const encodeCursor = (id: string) => Buffer.from(id).toString('base64url');
function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString();
  if (!/^[0-9a-f-]{36}$/.test(id)) throw invalid('INVALID_CURSOR', 'cursor is not one this API gave out', 'cursor');
  return id;
}

type TaskResult = RunResult<TaskState | null, TaskEvent>;

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('v1')
export class TasksController {
  constructor(
    private readonly commands: CommandBus,
    private readonly tasks: TaskQuery,
    private readonly responder: WriteResponder,
    private readonly scope: ReadScope,
    private readonly plans: PlanQuery,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly exports: ReportExportService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('plans/:id/tasks')
  @ApiOperation({ summary: 'Assign a task (leader): one task per lead office; exactly one of dueOn, deadlinePhrase, recurrence, or none' })
  @ApiCreatedResponse({ description: '{ tasks: [{ id, lead, dueOn, version }] }' })
  async assign(@Param('id', new ParseUUIDPipe()) planId: string, @Body() body: AssignTaskRequestDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const results: TaskResult[] = await this.commands.execute(new AssignTaskCommand(planId, body, ctx));
    await this.responder.finish(res, results);
    return { tasks: results.map((r) => ({ id: r.state!.id, lead: r.state!.lead, dueOn: r.state!.deadline.dueOn, deadlinePhrase: r.state!.deadline.phrase, version: r.version })) };
  }

  @Get('tasks')
  @ApiOkResponse({ type: TaskListResponseDto })
  @ApiOperation({ summary: 'Tasks in scope, filtered; `office` means that office and every office under it (lead); `format=xlsx|csv`: all of them as a file' })
  @ApiProduces('application/json', CONTENT_TYPE.xlsx, CONTENT_TYPE.csv)
  async list(@Query() q: TaskListQueryDto, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response) {
    if (q.knownAt) this.requireTimeTravel(actor);
    const asOf = this.asOf(q);
    const leadPath = await this.scope.filterPath(actor, q.office);
    if (q.plan !== undefined) {
      // A plan out of scope answers as a missing one: 404, not a 200 with an empty list.
      const plan = await this.plans.find(q.plan);
      if (!plan || !(await this.scope.canSeePlan(actor, plan.issuer))) throw notFound('PLAN_NOT_FOUND', `no plan ${q.plan}`);
    }
    const limit = q.limit ?? 50;
    const filter = {
      leadPath: leadPath ?? undefined,
      planId: q.plan,
      status: q.status,
      criterion: q.criterion,
      dueBefore: q.dueBefore,
      asOf,
      knownAt: q.knownAt ? parseInstantOrDate(q.knownAt, 'knownAt') : undefined,
    };
    if (q.format === 'xlsx' || q.format === 'csv') return this.exports.taskList(actor, filter, q.office, q.format, res);
    const rows = await this.tasks.list({
      ...filter,
      limit: limit + 1,
      after: q.cursor ? decodeCursor(q.cursor) : undefined,
    });
    const items = rows.slice(0, limit);
    return { asOf: asOf.toISOString(), items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1].id) : null };
  }

  @Get('tasks/:id')
  @ApiOkResponse({ type: TaskViewDto, description: 'the task as of `asOf` (and, for inspectors, as recorded by `knownAt`)' })
  async one(@Param('id', new ParseUUIDPipe()) id: string, @Query() q: TaskReadQueryDto, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response) {
    const asOf = this.asOf(q);
    let state: TaskState | null;
    let version: number;
    if (q.knownAt) {
      this.requireTimeTravel(actor);
      const knownAt = parseInstantOrDate(q.knownAt, 'knownAt');
      const events = await this.store.readStream(taskStreamId(id), { knownAt });
      state = events.reduce<TaskState | null>((s, e) => evolveTask(s, { type: e.type, data: e.data } as TaskEvent), null);
      version = events.length ? events[events.length - 1].version : 0;
    } else {
      const row = await this.tasks.find(id);
      state = row?.state ?? null;
      version = row?.version ?? 0;
    }
    if (!state || !(await this.canSeeTask(actor, state))) throw notFound('TASK_NOT_FOUND', `no task ${id}`);
    // The stream version, as on writes: what a client sends back as If-Match (Express's own
    // content-hash ETag would be refused by If-Match parsing).
    res.setHeader('ETag', `"${version}"`);
    // Status moves with the clock while the version stays: never answer 304 from a cache.
    res.setHeader('Cache-Control', 'no-store');
    return taskView(state, version, asOf);
  }

  @Get('tasks/:id/events')
  @ApiOkResponse({ type: TaskEventsResponseDto })
  @ApiOperation({ summary: 'The task’s own trail, oldest first' })
  async events(@Param('id', new ParseUUIDPipe()) id: string, @CurrentActor() actor: Actor) {
    const row = await this.tasks.find(id);
    if (!row || !(await this.canSeeTask(actor, row.state))) throw notFound('TASK_NOT_FOUND', `no task ${id}`);
    const events = await this.store.readStream(taskStreamId(id));
    return {
      items: events.map((e) => ({
        position: e.globalPosition,
        version: e.version,
        type: e.type,
        data: e.data,
        actor: e.metadata.actor,
        occurredAt: e.occurredAt.toISOString(),
        recordedAt: e.recordedAt.toISOString(),
        hash: e.hash,
      })),
    };
  }

  @Post('tasks/:id/acknowledge')
  @HttpCode(200)
  acknowledge(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: AcknowledgeTaskRequestDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.write(res, new AcknowledgeTaskCommand(id, body, ctx));
  }

  @Post('tasks/:id/progress')
  @HttpCode(201)
  progress(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ReportProgressRequestDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.write(res, new ReportProgressCommand(id, body, ctx));
  }

  @Post('tasks/:id/extension-requests')
  @ApiCreatedResponse({ description: '{ requestId, version }; after the deadline: 409' })
  async requestExtension(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: RequestExtensionRequestDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const requestId = ctx.idempotencyKey ? eventIdFor(`${ctx.actor.userId}:${ctx.idempotencyKey}`, `extension:${id}`, 0) : randomUUID();
    const written = await this.write(res, new RequestExtensionCommand(id, body, ctx, requestId));
    return { requestId, ...written };
  }

  @Post('tasks/:id/extension-requests/:requestId/grant')
  @HttpCode(200)
  grant(@Param('id', new ParseUUIDPipe()) id: string, @Param('requestId') requestId: string, @Body() body: GrantExtensionRequestDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.write(res, new GrantExtensionCommand(id, body, ctx, requestId));
  }

  @Post('tasks/:id/extension-requests/:requestId/deny')
  @HttpCode(200)
  deny(@Param('id', new ParseUUIDPipe()) id: string, @Param('requestId') requestId: string, @Body() body: DenyExtensionRequestDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.write(res, new DenyExtensionCommand(id, body, ctx, requestId));
  }

  @Post('tasks/:id/deadline')
  @HttpCode(200)
  deadline(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ChangeDeadlineRequestDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.write(res, new ChangeDeadlineCommand(id, body, ctx));
  }

  @Post('tasks/:id/completion')
  @HttpCode(201)
  complete(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ReportCompletionRequestDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.write(res, new ReportCompletionCommand(id, body, ctx));
  }

  @Post('tasks/:id/completion/accept')
  @HttpCode(200)
  accept(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: AcceptCompletionRequestDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.write(res, new AcceptCompletionCommand(id, body, ctx));
  }

  @Post('tasks/:id/completion/return')
  @HttpCode(200)
  giveBack(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ReturnCompletionRequestDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.write(res, new ReturnCompletionCommand(id, body, ctx));
  }

  @Post('tasks/:id/reassign')
  @HttpCode(200)
  reassign(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ReassignTaskRequestDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.write(res, new ReassignTaskCommand(id, body, ctx));
  }

  @Post('tasks/:id/cancel')
  @HttpCode(200)
  cancel(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: CancelTaskRequestDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.write(res, new CancelTaskCommand(id, body, ctx));
  }

  @Post('tasks/:id/reopen')
  @HttpCode(200)
  reopen(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ReopenTaskRequestDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.write(res, new ReopenTaskCommand(id, body, ctx));
  }

  private async write(res: Response, command: { taskId: string } & object) {
    const result: TaskResult = await this.commands.execute(command as never);
    await this.responder.finish(res, [result]);
    return { id: command.taskId, version: result.version, status: result.state ? undefined : undefined };
  }

  /** Default: now, or the `knownAt` instant, so the record is classified as it was seen then. */
  private asOf(q: TaskReadQueryDto): Date {
    if (q.asOf) return parseInstantOrDate(q.asOf, 'asOf');
    return q.knownAt ? parseInstantOrDate(q.knownAt, 'knownAt') : this.clock.now();
  }

  private requireTimeTravel(actor: Actor): void {
    if (actor.role !== 'inspector' && actor.role !== 'admin') throw forbidden('KNOWN_AT_NOT_ALLOWED', 'only inspectors and admins may read the record as it stood (knownAt)');
  }

  /** Officers see their own and supported tasks; others the tasks led within their subtree. */
  private async canSeeTask(actor: Actor, state: TaskState): Promise<boolean> {
    if (actor.role === 'officer') return state.lead === actor.office || state.supporting.includes(actor.office) || state.followUp === actor.office;
    return this.scope.canSee(actor, state.lead);
  }
}
