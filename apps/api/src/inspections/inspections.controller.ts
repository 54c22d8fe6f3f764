import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ConsistencyService } from '@dondoc/read-models/projection/consistency.service';
import type { Request } from 'express';
import { UploadBody } from '../http/auth/route-policy.decorator';
import { XLSX_TYPE } from '../imports/import-media-types';
import { ImportFindingsCommand, ImportFindingsOutcome } from './import-findings/import-findings.command';
import { ImportFindingsQueryDto } from './import-findings/import-findings.query.dto';
import { Actor, CLOCK, Clock, notFound, parseInstantOrDate } from '@dondoc/domain/shared';
import { InspectionQuery } from '@dondoc/read-models/inspections/inspection.query';
import type { Response } from 'express';
import { decodeOffset, encodeOffset } from '../application/offset-page';
import { ReadScope } from '../application/read-scope';
import { Ctx, RequestContext } from '../application/request-context';
import { WriteResponder } from '../application/write-responder';
import { CurrentActor } from '../http/auth/current-actor.decorator';
import { CancelInspectionCommand } from './cancel-inspection/cancel-inspection.command';
import { CancelInspectionRequestDto } from './cancel-inspection/cancel-inspection.request.dto';
import { ConcludeInspectionCommand } from './conclude-inspection/conclude-inspection.command';
import { ConcludeInspectionRequestDto } from './conclude-inspection/conclude-inspection.request.dto';
import { InspectionAccess } from './inspection-access';
import { findingView, inspectionView } from './inspection.view';
import { InspectionReadQueryDto, ListInspectionsQueryDto } from './list-inspections/list-inspections.query.dto';
import { PlanInspectionCommand } from './plan-inspection/plan-inspection.command';
import { PlanInspectionRequestDto } from './plan-inspection/plan-inspection.request.dto';
import { RecordConductedCommand } from './record-conducted/record-conducted.command';
import { RecordConductedRequestDto } from './record-conducted/record-conducted.request.dto';
import { RecordFindingCommand } from './record-finding/record-finding.command';
import { RecordFindingRequestDto } from './record-finding/record-finding.request.dto';
import { RescheduleInspectionCommand } from './reschedule-inspection/reschedule-inspection.command';
import { RescheduleInspectionRequestDto } from './reschedule-inspection/reschedule-inspection.request.dto';

/**
 * Inspections (API.md, second phase). Leaders plan, reschedule and cancel; the inspecting office
 * and inspectors over it record visits, the conclusion and findings (the domain decides who).
 */
@ApiTags('inspections')
@ApiBearerAuth()
@Controller('v1/inspections')
export class InspectionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly responder: WriteResponder,
    private readonly inspections: InspectionQuery,
    private readonly scope: ReadScope,
    private readonly access: InspectionAccess,
    private readonly consistency: ConsistencyService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Plan an inspection of offices (leader over the inspecting and inspected offices, admin)' })
  @ApiCreatedResponse({ description: '{ id, version }' })
  async plan(@Body() body: PlanInspectionRequestDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const result = await this.commands.execute(new PlanInspectionCommand(body, ctx));
    await this.responder.finish(res, [result]);
    return { id: result.id, version: result.version };
  }

  @Get()
  @ApiOperation({ summary: 'Inspections in scope; `office`: that office and those under it, inspecting or inspected' })
  @ApiOkResponse({ description: '{ items: [inspection], nextCursor }' })
  async list(@Query() q: ListInspectionsQueryDto, @CurrentActor() actor: Actor) {
    const path = await this.scope.filterPath(actor, q.office);
    const limit = q.limit ?? 50;
    const offset = q.cursor ? decodeOffset(q.cursor) : 0;
    const rows = await this.inspections.list({
      path: actor.role === 'officer' && !q.office ? null : path,
      office: actor.role === 'officer' ? actor.office : null,
      limit: limit + 1,
      offset,
    });
    const items = rows.slice(0, limit).map((r) => inspectionView(r.state, r.version));
    return { items, nextCursor: rows.length > limit ? encodeOffset(offset + limit) : null };
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'An inspection: offices and visit dates, conclusion, and the findings the reader may see with their remediation state as of `asOf`',
  })
  async one(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() q: InspectionReadQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ) {
    const row = await this.inspections.find(id);
    if (!row || !(await this.access.canSeeInspection(actor, row.state))) throw notFound('INSPECTION_NOT_FOUND', `no inspection ${id}`);
    const asOf = q.asOf ? parseInstantOrDate(q.asOf, 'asOf') : this.clock.now();
    const findings = [];
    for (const f of await this.inspections.findingsOf(id)) if (await this.access.canSeeFinding(actor, f.state)) findings.push(f);
    const tasks = await this.inspections.tasks(findings.flatMap((f) => f.taskIds));
    res.setHeader('ETag', `"${row.version}"`);
    res.setHeader('Cache-Control', 'no-store');
    const names = await this.inspections.officeNames([row.state.inspectingOffice, ...row.state.offices]);
    return {
      ...inspectionView(row.state, row.version, names),
      findings: findings.map((f) => findingView(f.state, f.version, tasks, asOf)),
    };
  }

  @Post(':id/reschedule')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the inspection’s period (leader), with a reason' })
  reschedule(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: RescheduleInspectionRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.write(res, id, new RescheduleInspectionCommand(id, body, ctx));
  }

  @Post(':id/conducted')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the visit of one inspected office, with its date (inspecting office, inspector)' })
  conducted(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: RecordConductedRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.write(res, id, new RecordConductedCommand(id, body, ctx));
  }

  @Post(':id/conclude')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the conclusion ("Kết luận kiểm tra số …"): document number and date' })
  conclude(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ConcludeInspectionRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.write(res, id, new ConcludeInspectionCommand(id, body, ctx));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel the inspection (leader), with a reason' })
  cancel(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CancelInspectionRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.write(res, id, new CancelInspectionCommand(id, body, ctx));
  }

  @Post(':id/findings')
  @ApiOperation({
    summary: 'Record a finding about one inspected office (inspecting office, inspector); If-Match: the inspection’s version',
  })
  @ApiCreatedResponse({ description: '{ findingId, version } (the finding’s version)' })
  async finding(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: RecordFindingRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.commands.execute(new RecordFindingCommand(id, body, ctx));
    await this.responder.finish(res, [result]);
    return { findingId: result.findingId, version: result.version };
  }

  @Post(':id/findings/import')
  @UploadBody()
  @ApiOperation({
    summary:
      'Import the findings of a conclusion from CSV or XLSX, one row per finding (inspecting office, inspector); ?dryRun=true previews every row; all or nothing',
  })
  @ApiConsumes('text/csv', XLSX_TYPE)
  @ApiBody({ description: 'the findings table', schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({ description: '{ findings: [{ findingId, office, at, version }] }' })
  @ApiOkResponse({
    description:
      'dryRun=true: { dryRun, ok, rows: [{ at, office, officeMatch, criterion, severity, description, requirement, errors }], errors }, nothing written',
  })
  async importFindings(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() req: Request,
    @Query() q: ImportFindingsQueryDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome: ImportFindingsOutcome = await this.commands.execute(
      new ImportFindingsCommand(id, { contentType: req.headers['content-type'], body: req.body }, ctx, q.dryRun === 'true'),
    );
    if (outcome.position && !(await this.consistency.waitFor(outcome.position))) res.setHeader('Dondoc-Consistency', 'pending');
    res.status(outcome.status);
    return outcome.answer;
  }

  private async write(res: Response, id: string, command: object) {
    const result = (await this.commands.execute(command as never)) as { version: number; position: string | null };
    await this.responder.finish(res, [result]);
    return { id, version: result.version };
  }
}
