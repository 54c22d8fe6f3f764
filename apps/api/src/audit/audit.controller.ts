import { Controller, Get, Headers, Inject, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { once } from 'node:events';
import type { Response } from 'express';
import { Pool } from 'pg';
import { Actor, forbidden, invalid, notFound, parseInstantOrDate } from '@dondoc/domain/shared';
import { taskStreamId } from '@dondoc/domain/task';
import { EVENT_STORE, EventStore, GlobalPosition, auditVerify, auditVerifyStore } from '@dondoc/event-store';
import { APP_CONFIG, AppConfig, PG_POOL } from '@dondoc/platform';
import { ReadScope } from '../application/read-scope';
import { CurrentActor } from '../http/auth/current-actor.decorator';
import { AuditEventsQuery, auditEventView, cursorOf, positionOfCursor } from './audit-events.query';
import { AuditExportService } from './audit-export.service';
import { AuditFlagsQuery } from './audit-flags.query';
import { AuditEventsQueryDto, AuditExportQueryDto, AuditFlagsQueryDto, AuditVerifyQueryDto } from './audit-query.dto';
import { taskTimeline } from './task-timeline';
import { FileVerifier } from '../files/verify-files/file-verifier';

const encode = (s: string) => Buffer.from(s).toString('base64url');
function decode(cursor: string, shape: RegExp): string {
  const s = Buffer.from(cursor, 'base64url').toString();
  if (!shape.test(s)) throw invalid('INVALID_CURSOR', 'cursor is not one this API gave out', 'cursor');
  return s;
}

/**
 * The inspector's tools (inspector and admin only): the trail, verification, back-dated flags,
 * export and a task's timeline. Reads are scoped to the caller's subtree (audit-subject.sql.ts), and
 * the listing, flags and export read the audit index (rm_audit_events), whichever store keeps the log;
 * verification is of the whole log, which belongs to no office.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
export class AuditController {
  constructor(
    private readonly events: AuditEventsQuery,
    private readonly flags: AuditFlagsQuery,
    private readonly exporter: AuditExportService,
    private readonly scope: ReadScope,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly files: FileVerifier,
  ) {}

  @Get('events')
  @ApiOperation({ summary: 'The event log in log order, with all metadata, positions and hashes; `from`/`to` bound recordedAt' })
  @ApiOkResponse({
    description:
      '{ items: [{ position, streamId, version, eventId, type, schemaVersion, data, metadata, actor, offices, occurredAt, recordedAt, contentHash, prevHash, hash }], nextCursor }',
  })
  async list(@Query() q: AuditEventsQueryDto, @CurrentActor() actor: Actor) {
    auditorOnly(actor);
    const limit = q.limit ?? 50;
    let after: GlobalPosition | undefined;
    if (q.cursor) {
      after = positionOfCursor(decode(q.cursor, /^\d{1,20}\.\d{1,19}$/));
    } else if (q.after) {
      after = (await this.events.logOrderOf(q.after)) ?? undefined;
      if (!after) throw invalid('UNKNOWN_POSITION', `no event at or below position ${q.after}`, 'after');
    }
    const rows = await this.events.list({
      path: await this.scope.filterPath(actor, q.office),
      officeAsked: !!q.office,
      stream: q.stream,
      actor: q.actor,
      types: q.type?.split(','),
      recordedFrom: q.from ? parseInstantOrDate(q.from, 'from', false) : undefined,
      recordedTo: q.to ? parseInstantOrDate(q.to, 'to') : undefined,
      after,
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items: items.map(auditEventView), nextCursor: rows.length > limit ? encode(cursorOf(last.log_position)) : null };
  }

  @Get('verify')
  @ApiOperation({
    summary:
      'Recompute every content hash, stream chain and anchor (optionally within a range of positions); name the first event that does not match. With `Accept: application/x-ndjson`: one line `{ checked, total }` per batch of events as the walk goes, then the result as the last line',
  })
  @ApiOkResponse({ description: '{ ok, checked, anchors, seconds, firstMismatch?: { position, stream, version, reason } }' })
  @ApiProduces('application/json', 'application/x-ndjson')
  async verify(
    @Query() q: AuditVerifyQueryDto,
    @CurrentActor() actor: Actor,
    @Headers('accept') accept: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    auditorOnly(actor);
    if (q.fromPosition && q.toPosition && BigInt(q.fromPosition) > BigInt(q.toPosition)) {
      throw invalid('INVALID_RANGE', 'fromPosition is after toPosition', 'fromPosition');
    }
    const range = { fromPosition: q.fromPosition, toPosition: q.toPosition };
    const kurrent = this.config.eventStore === 'kurrentdb';
    // Progress lines only where the walk can report them (PostgreSQL's log); KurrentDB answers once.
    if (!kurrent && accept?.includes('application/x-ndjson')) {
      res.status(200);
      res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
      res.setHeader('Cache-Control', 'no-store');
      res.flushHeaders();
      try {
        const log = await auditVerify(this.pool, range, (p) => res.write(`${JSON.stringify({ progress: p })}\n`));
        const files = await this.files.verify();
        res.write(`${JSON.stringify({ result: { ...log, ok: log.ok && files.ok, files } })}\n`);
      } catch {
        // The status is sent: say on the last line that there is no result, rather than cut it short.
        res.write(
          `${JSON.stringify({ error: { code: 'VERIFY_FAILED', detail: 'verification stopped before the end: the database did not answer' } })}\n`,
        );
      } finally {
        res.end();
      }
      return;
    }
    // KurrentDB: its own walk of $all (every hash and chain); the anchors are PostgreSQL's only.
    const log = await (kurrent ? auditVerifyStore(this.store, range) : auditVerify(this.pool, range));
    // Evidence files (issue 18): every referenced file re-hashed against the SHA-256 its event recorded.
    const files = kurrent ? undefined : await this.files.verify();
    res.json(files ? { ...log, ok: log.ok && files.ok, files } : log);
  }

  @Get('flags')
  @ApiOperation({
    summary:
      'Back-dated reports: completion (completedOn) or progress (occurredAt) more than BACKDATED_GRACE_DAYS days before the day it was recorded',
  })
  @ApiOkResponse({
    description:
      '{ items: [{ kind, position, streamId, taskId, version, type, actor, office, businessDate, occurredAt, recordedAt, lagDays, graceDays }], nextCursor }',
  })
  async listFlags(@Query() q: AuditFlagsQueryDto, @CurrentActor() actor: Actor) {
    auditorOnly(actor);
    const limit = q.limit ?? 50;
    const rows = await this.flags.backdated({
      path: await this.scope.filterPath(actor, q.office),
      graceDays: this.config.backdatedGraceDays,
      recordedFrom: q.from ? parseInstantOrDate(q.from, 'from', false) : undefined,
      recordedTo: q.to ? parseInstantOrDate(q.to, 'to') : undefined,
      afterPosition: q.cursor ? decode(q.cursor, /^\d{1,19}$/) : undefined,
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? encode(items[items.length - 1].position) : null };
  }

  @Get('export')
  @ApiOperation({
    summary:
      'Download the trail of a plan (and its tasks) or of an office subtree, with hashes and the anchors covering it; check it offline with `npm run verify-export -- file.jsonl`',
  })
  @ApiProduces('application/x-ndjson', 'text/csv')
  async export(@Query() q: AuditExportQueryDto, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    auditorOnly(actor);
    if (!!q.plan === !!q.office) throw invalid('EXPORT_SCOPE', 'give exactly one of plan or office', q.plan ? 'office' : 'plan');
    const format = q.format ?? 'jsonl';
    let scope: { plan: string } | { office: string; path: string };
    let name: string;
    if (q.plan) {
      const { rows } = await this.pool.query<{ issuer: string }>(
        "SELECT data->>'issuer' AS issuer FROM rm_audit_events WHERE stream_id = $1 AND version = 1",
        [`plan-${q.plan}`],
      );
      // A plan out of scope reads as a missing one (API.md): the same 404.
      if (!rows.length || !(await this.scope.canSee(actor, rows[0].issuer))) throw notFound('PLAN_NOT_FOUND', `no plan ${q.plan}`);
      scope = { plan: q.plan };
      name = `plan-${q.plan}`;
    } else {
      scope = { office: q.office!, path: (await this.scope.filterPath(actor, q.office))! };
      name = `office-${q.office}`;
    }
    res.status(200);
    res.setHeader('Content-Type', format === 'jsonl' ? 'application/x-ndjson; charset=utf-8' : 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="dondoc-audit-${name}.${format}"`);
    try {
      await this.exporter.write(scope, format, async (chunk) => {
        if (!res.write(chunk)) await once(res, 'drain');
      });
    } finally {
      res.end();
    }
  }

  @Get('tasks/:id/timeline')
  @ApiOperation({
    summary:
      'A task’s story: who did what, when it happened, when it was recorded, and what changed (status before → after, deadline, lead)',
  })
  async timeline(@Param('id', new ParseUUIDPipe()) id: string, @CurrentActor() actor: Actor) {
    auditorOnly(actor);
    const events = await this.store.readStream(taskStreamId(id));
    // Each event belongs to the lead office at that event (a reassignment also to the office it
    // left), as in /v1/audit/events: the reader sees the events whose office is in its scope.
    const seen = new Map<string, boolean>();
    const canSee = async (office: string) => {
      if (!seen.has(office)) seen.set(office, await this.scope.canSee(actor, office));
      return seen.get(office)!;
    };
    const visible: boolean[] = [];
    let lead: string | undefined;
    for (const e of events) {
      const d = e.data as { lead?: string; from?: string; to?: string };
      if (e.type === 'TaskAssigned') lead = d.lead;
      if (e.type === 'TaskReassigned') lead = d.to;
      const offices = [lead, e.type === 'TaskReassigned' ? d.from : undefined].filter((o): o is string => !!o);
      let ok = false;
      for (const office of offices) if (!ok) ok = await canSee(office);
      visible.push(ok);
    }
    if (!visible.includes(true)) throw notFound('TASK_NOT_FOUND', `no task ${id}`);
    // Status changes are folded over the whole stream; only the visible events are shown.
    const items = taskTimeline(events, this.config.backdatedGraceDays).filter((_, i) => visible[i]);
    return { taskId: id, items };
  }
}

function auditorOnly(actor: Actor): void {
  if (actor.role !== 'inspector' && actor.role !== 'admin')
    throw forbidden('AUDIT_ROLE_REQUIRED', 'the audit trail is for inspectors and admins');
}
