import { Controller, Get, Inject, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CONTENT_TYPE } from '../reports/export-report/export-format';
import { TaskEventsResponseDto, TaskListResponseDto, TaskViewDto } from './task.response.dto';
import { Actor, CLOCK, Clock, forbidden, invalid, notFound, parseInstantOrDate } from '@dondoc/domain/shared';
import { TaskEvent, TaskState, evolveTask, taskStreamId } from '@dondoc/domain/task';
import { EVENT_STORE, EventStore } from '@dondoc/event-store';
import { TaskQuery } from '@dondoc/read-models/tasks/task.query';
import { taskView } from '@dondoc/read-models/tasks/task.view';
import { OfficeQuery } from '@dondoc/read-models/offices/office.query';
import { PlanQuery } from '@dondoc/read-models/plans/plan.query';
import type { Response } from 'express';
import { ReadScope } from '../application/read-scope';
import { CurrentActor } from '../http/auth/current-actor.decorator';
import { TaskListQueryDto, TaskReadQueryDto } from './task-read.query.dto';
import { ReportExportService } from '../reports/export-report/report-export.service';

/** The office codes an event's data names (lead, supporting, follow-up, a reassignment's from and to). */
function officesIn(data: unknown): string[] {
  const d = (data ?? {}) as Record<string, unknown>;
  const codes = [d.lead, d.from, d.to, d.followUp, ...(Array.isArray(d.supporting) ? d.supporting : [])];
  return codes.filter((c): c is string => typeof c === 'string');
}

const encodeCursor = (id: string) => Buffer.from(id).toString('base64url');
function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString();
  if (!/^[0-9a-f-]{36}$/.test(id)) throw invalid('INVALID_CURSOR', 'cursor is not one this API gave out', 'cursor');
  return id;
}

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('v1')
export class TasksController {
  constructor(
    private readonly tasks: TaskQuery,
    private readonly scope: ReadScope,
    private readonly plans: PlanQuery,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly exports: ReportExportService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly offices: OfficeQuery,
  ) {}

  @Get('tasks')
  @ApiOkResponse({ type: TaskListResponseDto })
  @ApiOperation({
    summary:
      'Tasks in scope, filtered; `office` means that office and every office under it (lead); `format=xlsx|csv`: all of them as a file',
  })
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
  async one(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() q: TaskReadQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ) {
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
    return {
      ...taskView(state, version, asOf),
      officeNames: await this.offices.names([state.lead, ...state.supporting, ...(state.followUp ? [state.followUp] : [])]),
    };
  }

  @Get('tasks/:id/events')
  @ApiOkResponse({ type: TaskEventsResponseDto })
  @ApiOperation({ summary: 'The task’s own trail, oldest first' })
  async events(@Param('id', new ParseUUIDPipe()) id: string, @CurrentActor() actor: Actor) {
    const row = await this.tasks.find(id);
    if (!row || !(await this.canSeeTask(actor, row.state))) throw notFound('TASK_NOT_FOUND', `no task ${id}`);
    const events = await this.store.readStream(taskStreamId(id));
    const named = events.flatMap((e) => [e.metadata.actor.office, ...officesIn(e.data)]);
    return {
      officeNames: await this.offices.names(named),
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

  /** Default: now, or the `knownAt` instant, so the record is classified as it was seen then. */
  private asOf(q: TaskReadQueryDto): Date {
    if (q.asOf) return parseInstantOrDate(q.asOf, 'asOf');
    return q.knownAt ? parseInstantOrDate(q.knownAt, 'knownAt') : this.clock.now();
  }

  private requireTimeTravel(actor: Actor): void {
    if (actor.role !== 'inspector' && actor.role !== 'admin')
      throw forbidden('KNOWN_AT_NOT_ALLOWED', 'only inspectors and admins may read the record as it stood (knownAt)');
  }

  /** Officers see their own and supported tasks; others the tasks led within their subtree. */
  private async canSeeTask(actor: Actor, state: TaskState): Promise<boolean> {
    if (actor.role === 'officer')
      return state.lead === actor.office || state.supporting.includes(actor.office) || state.followUp === actor.office;
    return this.scope.canSee(actor, state.lead);
  }
}
