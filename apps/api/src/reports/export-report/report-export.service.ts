import { Inject, Injectable, Logger, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { PassThrough } from 'node:stream';
import { once } from 'node:events';
import { Actor, CLOCK, Clock, localDateOf } from '@dondoc/domain/shared';
import { DirectiveQuery } from '@dondoc/read-models/directives/directive.query';
import { OfficeQuery } from '@dondoc/read-models/offices/office.query';
import { PlanQuery } from '@dondoc/read-models/plans/plan.query';
import type { CompletionReport } from '@dondoc/read-models/reports/report-model';
import { TaskListFilter, TaskQuery } from '@dondoc/read-models/tasks/task.query';
import { CompletionReportQueryDto, FindingsReportQueryDto, OverdueReportQueryDto, TargetsReportQueryDto } from '../reports.query.dto';
import { FindingsReportService } from '../findings-report.service';
import { findingsTable } from './findings-table';
import { ReportsService } from '../reports.service';
import { completionDocx, viDate } from './completion-docx.renderer';
import { csvHeader, csvLine, csvText } from './csv.renderer';
import { ExportFormat, fileBase } from './export-format';
import { fileResponse } from './file-response';
import { docxToPdf } from './pdf.converter';
import { Cell, ROUNDING_LABEL, ReportTable, TASK_COLUMNS, completionTable, overdueTable, targetsTable, taskCells } from './report-table';
import { writeXlsx, xlsxBuffer } from './xlsx.renderer';

const GROUP_BY_LABEL: Record<string, string> = { office: 'đơn vị chủ trì', criterion: 'tiêu chí', area: 'lĩnh vực', plan: 'kế hoạch' };
const PAGE = 2000;

/** '2024-04-10T16:59:59.999Z' → '23:59 10/4/2024 (giờ Việt Nam)'. */
function localTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
  return `${parts} ${viDate(localDateOf(new Date(iso)))} (giờ Việt Nam)`;
}

/**
 * The reports as files (API.md, Exports). Each file renders the JSON answer of the same route:
 * the same ReportsService call, so scope, validation and every number are the JSON's.
 */
@Injectable()
export class ReportExportService {
  private readonly logger = new Logger(ReportExportService.name);

  constructor(
    private readonly reports: ReportsService,
    private readonly offices: OfficeQuery,
    private readonly plans: PlanQuery,
    private readonly directives: DirectiveQuery,
    private readonly tasks: TaskQuery,
    private readonly findingsReports: FindingsReportService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async overdue(actor: Actor, q: OverdueReportQueryDto, format: ExportFormat, res: Response): Promise<StreamableFile> {
    const report = await this.reports.overdue(actor, q);
    const meta = [...(await this.scopeMeta(actor, q)), ...this.timeMeta(report.asOf, report.knownAt)];
    return this.table(
      res,
      format,
      overdueTable(report, meta),
      fileBase('Nhiệm vụ quá hạn', q.office ?? null, localDateOf(new Date(report.asOf))),
    );
  }

  async targets(actor: Actor, q: TargetsReportQueryDto, format: ExportFormat, res: Response): Promise<StreamableFile> {
    const rows = await this.reports.targets(actor, q);
    const asOf = q.asOf ?? localDateOf(this.clock.now());
    const meta: [string, string][] = [
      ...(await this.scopeMeta(actor, { plan: q.plan })),
      ['Số liệu đo đến ngày (asOf):', asOf],
      ['Làm tròn:', ROUNDING_LABEL[q.rounding ?? 'halfUp']],
    ];
    return this.table(res, format, targetsTable(rows, meta), fileBase('Chỉ tiêu', null, asOf.slice(0, 10)));
  }

  async completion(actor: Actor, q: CompletionReportQueryDto, format: ExportFormat, res: Response): Promise<StreamableFile> {
    const report = await this.reports.completion(actor, q);
    const base = fileBase('Báo cáo kết quả thực hiện nhiệm vụ', q.office ?? null, localDateOf(new Date(report.asOf)));
    if (format === 'docx' || format === 'pdf') {
      const docx = await this.completionDocx(actor, q, report);
      return fileResponse(res, format, base, format === 'pdf' ? await docxToPdf(docx) : docx);
    }
    const meta: [string, string][] = [
      ...(await this.scopeMeta(actor, q)),
      ['Kỳ báo cáo:', this.periodText(report)],
      ...this.timeMeta(report.asOf, report.knownAt),
      ['Nhóm theo:', GROUP_BY_LABEL[report.groupBy]],
      ['Làm tròn:', ROUNDING_LABEL[report.rounding]],
    ];
    return this.table(res, format, completionTable(report, meta), base);
  }

  async findings(actor: Actor, q: FindingsReportQueryDto, format: ExportFormat, res: Response): Promise<StreamableFile> {
    const report = await this.findingsReports.report(actor, q);
    const meta: [string, string][] = [
      ...(await this.scopeMeta(actor, q)),
      ...this.timeMeta(report.asOf, report.knownAt),
      ['Làm tròn:', ROUNDING_LABEL[report.rounding]],
    ];
    return this.table(
      res,
      format,
      findingsTable(report, meta),
      fileBase('Kết quả khắc phục sau kiểm tra', q.office ?? null, localDateOf(new Date(report.asOf))),
    );
  }

  /** GET /v1/tasks?format=: every task the filters select (all pages), streamed page by page. */
  async taskList(
    actor: Actor,
    filter: Omit<TaskListFilter, 'limit' | 'after'>,
    office: string | undefined,
    format: 'xlsx' | 'csv',
    res: Response,
  ): Promise<StreamableFile> {
    const tasks = this.tasks;
    const out = new PassThrough();
    // The first page is read before the response starts: a failing query is still a problem+json.
    const first = await tasks.list({ ...filter, limit: filter.knownAt ? Number.MAX_SAFE_INTEGER : PAGE });
    async function* rows(): AsyncGenerator<Cell[]> {
      let page = first;
      let n = 0;
      for (;;) {
        for (const r of page) yield taskCells(r, ++n);
        if (filter.knownAt || page.length < PAGE) return;
        // Let a slow client drain what is written before reading more.
        if (out.writableNeedDrain) await once(out, 'drain');
        page = await tasks.list({ ...filter, limit: PAGE, after: page[page.length - 1].id });
      }
    }
    const meta: [string, string][] = [
      ...(await this.scopeMeta(actor, { office, plan: filter.planId })),
      ...(filter.status ? ([['Trạng thái:', filter.status]] as [string, string][]) : []),
      ...(filter.criterion ? ([['Tiêu chí:', filter.criterion]] as [string, string][]) : []),
      ...(filter.dueBefore ? ([['Thời hạn trước ngày:', filter.dueBefore]] as [string, string][]) : []),
      ...this.timeMeta(filter.asOf.toISOString(), filter.knownAt?.toISOString()),
    ];
    const done =
      format === 'xlsx'
        ? writeXlsx({ sheet: 'Nhiệm vụ', title: 'DANH SÁCH NHIỆM VỤ', meta, columns: TASK_COLUMNS }, rows(), out)
        : (async () => {
            out.write(csvHeader(TASK_COLUMNS));
            for await (const cells of rows()) if (!out.write(csvLine(TASK_COLUMNS, cells))) await once(out, 'drain');
            out.end();
          })();
    done.catch((e: unknown) => {
      this.logger.error(`task list export failed mid-stream: ${e instanceof Error ? e.stack : String(e)}`);
      out.destroy(e as Error);
    });
    return fileResponse(res, format, fileBase('Danh sách nhiệm vụ', office ?? null, localDateOf(filter.asOf)), out);
  }

  private async table(res: Response, format: ExportFormat, table: ReportTable, base: string): Promise<StreamableFile> {
    if (format === 'csv') return fileResponse(res, 'csv', base, Buffer.from(csvText(table), 'utf8'));
    return fileResponse(res, 'xlsx', base, await xlsxBuffer(table));
  }

  private periodText(report: CompletionReport): string {
    if (!report.period) return 'toàn bộ nhiệm vụ được giao đến thời điểm báo cáo';
    return report.period.from
      ? `từ ngày ${viDate(report.period.from)} đến ngày ${viDate(report.period.to)}`
      : `đến ngày ${viDate(report.period.to)}`;
  }

  private timeMeta(asOf: string, knownAt: string | undefined): [string, string][] {
    return [
      ['Số liệu tính đến (asOf):', `${localTime(asOf)} - ${asOf}`],
      ...(knownAt ? ([['Theo hồ sơ ghi nhận đến (knownAt):', `${localTime(knownAt)} - ${knownAt}`]] as [string, string][]) : []),
    ];
  }

  /** Scope lines: the office (its name), the plan's title, the directive's number. Run after the service call, so all are in scope. */
  private async scopeMeta(actor: Actor, q: { office?: string; plan?: string; directive?: string }): Promise<[string, string][]> {
    const lines: [string, string][] = [];
    const code = q.office ?? (actor.role === 'admin' ? null : actor.office);
    const office = code ? await this.offices.find(code) : null;
    // An officer reads its own office only; everyone else reads the office and its subtree.
    const subtree = actor.role !== 'officer';
    lines.push(['Phạm vi:', code ? `${office?.name ?? code} (${code})${subtree ? ' và các đơn vị trực thuộc' : ''}` : 'Tất cả đơn vị']);
    if (q.plan) lines.push(['Kế hoạch:', (await this.plans.find(q.plan))?.title ?? q.plan]);
    if (q.directive) {
      const d = await this.directives.find(q.directive);
      lines.push(['Văn bản:', d ? `${d.number} - ${d.title}` : q.directive]);
    }
    return lines;
  }

  private async completionDocx(
    actor: Actor,
    q: CompletionReportQueryDto,
    report: CompletionReport & { knownAt?: string },
  ): Promise<Buffer> {
    const code = q.office ?? actor.office;
    const office = await this.offices.find(code);
    const parent = office?.parent ? await this.offices.find(office.parent) : null;
    const plan = q.plan ? await this.plans.find(q.plan) : null;
    const directive = q.directive ? await this.directives.find(q.directive) : null;
    const { overdue, late } = await this.reports.completionLists(actor, { ...q, asOf: report.asOf });
    return completionDocx({
      report,
      parentBody: parent?.name ?? null,
      issuingBody: office?.name ?? code,
      subject: plan?.title ?? (directive ? `theo ${directive.kind} số ${directive.number}` : null),
      periodText: this.periodText(report),
      asOfText: localTime(report.asOf),
      overdue,
      late,
    });
  }
}
