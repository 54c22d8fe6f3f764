import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor } from '@dondoc/domain/shared';
import { CurrentActor } from '../http/auth/current-actor.decorator';
import { CompletionReportResponseDto } from './completion-report.response.dto';
import { CompletionReportQueryDto, FindingsReportQueryDto, OverdueReportQueryDto, TargetsReportQueryDto } from './reports.query.dto';
import { FindingsReportService } from './findings-report.service';
import { ReportsService } from './reports.service';
import { CONTENT_TYPE, ExportFormat } from './export-report/export-format';
import { ReportExportService } from './export-report/report-export.service';

const TABLE_TYPES = ['application/json', CONTENT_TYPE.xlsx, CONTENT_TYPE.csv];
const asFile = (format: string | undefined): ExportFormat | null => (format && format !== 'json' ? (format as ExportFormat) : null);

const RATE = '{ numerator, denominator, percent } (percent: two decimals as a string, null when the denominator is 0)';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('v1/reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly exports: ReportExportService,
    private readonly findingsReports: FindingsReportService,
  ) {}

  @Get('overdue')
  @ApiOperation({
    summary: 'Items overdue as of `asOf`, most overdue first (then deadline, title); each overdue occurrence of a recurring task is a line',
    description:
      'Any role within scope: `office` is that office and its subtree (lead); an officer sees its own office. `knownAt`: inspectors and admins.',
  })
  @ApiOkResponse({
    description:
      '{ asOf, items: [{ taskId, occurrence, title, lead, leadName, plan: { id, title }, directiveNumber, criterion, dueOn, daysOverdue }] }',
  })
  @ApiProduces(...TABLE_TYPES)
  overdue(@Query() q: OverdueReportQueryDto, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response) {
    const file = asFile(q.format);
    return file ? this.exports.overdue(actor, q, file, res) : this.reports.overdue(actor, q);
  }

  @Get('completion')
  @ApiOperation({
    summary: 'Completion rates by office (lead), criterion, area or plan, with the total',
    description:
      'assigned = items not cancelled; due = deadline on or before asOf’s date, or done by asOf; completionRate = (doneOnTime + doneLate) / assigned; ' +
      'onTimeRate = doneOnTime / due; overdueRate = overdue / due. A period (from/to or a preset) selects items whose deadline falls in it, and items ' +
      'without a deadline assigned in it; without a period every item assigned by asOf counts. A recurring task counts once per occurrence.',
  })
  @ApiOkResponse({
    type: CompletionReportResponseDto,
    description: `{ asOf, groupBy, period, rounding, groups: [{ key, label, assigned, due, doneOnTime, doneLate, inProgress, overdue, awaitingAcceptance, cancelled, noDeadline, extended, completionRate, onTimeRate, overdueRate }], total } with each rate ${RATE}`,
  })
  @ApiProduces(...TABLE_TYPES, CONTENT_TYPE.docx, CONTENT_TYPE.pdf)
  completion(@Query() q: CompletionReportQueryDto, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response) {
    const file = asFile(q.format);
    return file ? this.exports.completion(actor, q, file, res) : this.reports.completion(actor, q);
  }

  @Get('targets')
  @ApiOperation({ summary: 'Each target of a plan with the measurement standing at `asOf`, its attainment and whether it is met' })
  @ApiOkResponse({ description: '[{ code, name, unit, comparator, target, strict, actual, measuredOn, source, attainment, met }]' })
  @ApiProduces(...TABLE_TYPES)
  targets(@Query() q: TargetsReportQueryDto, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response) {
    const file = asFile(q.format);
    return file ? this.exports.targets(actor, q, file, res) : this.reports.targets(actor, q);
  }

  @Get('findings')
  @ApiOperation({
    summary: 'Inspection findings by inspected office, criterion, area or inspection, with the total and the offices inspected',
    description:
      'recorded = findings not withdrawn; remedied when resolved, or when every remediation task is done and accepted (on time or late by the task rules); ' +
      'due = remedied or overdue, or open with its remediation deadline on or before asOf’s date; remediationRate = (remediedOnTime + remediedLate) / recorded; ' +
      'onTimeRate = remediedOnTime / due; overdueRate = overdue / due. offices: offices planned and visited by asOf; targets: plan targets of unit count measured by the offices visited.',
  })
  @ApiOkResponse({
    description: `{ asOf, groupBy, rounding, groups: [{ key, label, recorded, remediedOnTime, remediedLate, open, overdue, due, withdrawn, remediationRate, onTimeRate, overdueRate }], total, offices: { planned, inspected, rate }, targets: [{ planId, code, name, comparator, target, actual, attainment, met }] } with each rate ${RATE}`,
  })
  @ApiProduces(...TABLE_TYPES)
  findings(@Query() q: FindingsReportQueryDto, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response) {
    const file = asFile(q.format);
    return file ? this.exports.findings(actor, q, file, res) : this.findingsReports.report(actor, q);
  }
}
