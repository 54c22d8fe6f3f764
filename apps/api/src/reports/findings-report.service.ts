import { Injectable } from '@nestjs/common';
import { parseRounding } from '@dondoc/domain/counting';
import { Actor, notFound } from '@dondoc/domain/shared';
import { FindingGroupBy, FindingsReport, findingsReport } from '@dondoc/read-models/inspections/findings-report';
import { FindingsReplay, replayInput } from '@dondoc/read-models/inspections/findings-replay';
import { FindingsFilter, InspectionQuery } from '@dondoc/read-models/inspections/inspection.query';
import { OfficeQuery } from '@dondoc/read-models/offices/office.query';
import { ReadScope } from '../application/read-scope';
import { FindingsReportQueryDto } from './reports.query.dto';
import { ReportsService } from './reports.service';

/**
 * GET /v1/reports/findings (counting rules in findings-report.ts). Live from the read models;
 * with `knownAt` (inspectors, admins) from the log replayed to then, by the same function.
 *
 * Scope, as for tasks (the inspected office stands where the lead office does): `office=` is that
 * office and its subtree, 404 outside the reader's; an officer counts its own office's findings.
 * With `inspection=` a reader of the inspecting office counts every finding of the inspection (the
 * inspecting office follows up on what it found); an inspection the reader cannot see is 404.
 */
@Injectable()
export class FindingsReportService {
  constructor(
    private readonly reports: ReportsService,
    private readonly inspections: InspectionQuery,
    private readonly replay: FindingsReplay,
    private readonly scope: ReadScope,
    private readonly offices: OfficeQuery,
  ) {}

  async report(actor: Actor, q: FindingsReportQueryDto): Promise<FindingsReport & { knownAt?: string }> {
    const times = this.reports.times(actor, q);
    const rounding = parseRounding(q.rounding);
    const groupBy = (q.groupBy ?? 'office') as FindingGroupBy;
    const { filter, root } = await this.filter(actor, q);
    if (!times.knownAt) {
      const { officeNames, ...input } = await this.inspections.reportInput(filter);
      const titles = new Map(input.inspections.map((i) => [i.id, i.title]));
      return findingsReport(
        { ...input, officeName: (c) => officeNames.get(c) ?? null, inspectionTitle: (id) => titles.get(id) ?? null },
        { asOf: times.asOf, groupBy, rounding },
      );
    }
    const snapshot = await this.replay.snapshot(times.knownAt);
    // The same bound over the office tree as it stood then (paths move with OfficeMoved).
    const officePath = root === null ? null : (snapshot.offices.get(root)?.path ?? `/!unknown/${root}/`);
    return {
      ...findingsReport(replayInput(snapshot, { ...filter, officePath }), { asOf: times.asOf, groupBy, rounding }),
      knownAt: times.knownAt.toISOString(),
    };
  }

  private async filter(actor: Actor, q: FindingsReportQueryDto): Promise<{ filter: FindingsFilter; root: string | null }> {
    if (q.inspection) {
      const row = await this.inspections.find(q.inspection);
      const visible = row && (await this.canSeeAny(actor, [row.state.inspectingOffice, ...row.state.offices]));
      if (!row || !visible) throw notFound('INSPECTION_NOT_FOUND', `no inspection ${q.inspection}`);
      if (await this.scope.canSee(actor, row.state.inspectingOffice)) {
        if (!q.office) return { filter: { officePath: null, office: null, inspectionId: q.inspection }, root: null };
        const path = (await this.offices.paths([q.office])).get(q.office);
        if (!path) throw notFound('OFFICE_NOT_FOUND', `no office ${q.office}`);
        return { filter: { officePath: path, office: null, inspectionId: q.inspection }, root: q.office };
      }
    }
    const officePath = await this.scope.filterPath(actor, q.office);
    const root = q.office ?? (actor.role === 'admin' ? null : actor.office);
    return { filter: { officePath, office: actor.role === 'officer' ? actor.office : null, inspectionId: q.inspection ?? null }, root };
  }

  private async canSeeAny(actor: Actor, offices: string[]): Promise<boolean> {
    for (const o of offices) if (await this.scope.canSee(actor, o)) return true;
    return false;
  }
}
