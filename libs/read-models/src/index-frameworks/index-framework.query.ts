import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FrameworkAttainment, IndexFramework, Rounding, areaAttainment } from '@dondoc/domain/counting';
import { localDateOf } from '@dondoc/domain/shared';
import { DataSource } from 'typeorm';
import { areaOf } from '../tasks/task-row';
import { taskStatusSql } from '../tasks/task-status.sql';
import { IndexFrameworkEntity, IndexScoreEntity } from './index-framework.entity';

export interface AreaTask {
  taskId: string;
  title: string;
  lead: string;
  criterion: string;
  dueOn: string | null;
  status: string;
}

/** A plan seen through an index framework: per area the points lost and the tasks meant to win them back. */
export interface PlanAreasView {
  plan: { id: string; title: string };
  framework: { code: string; year: number; level: string; name: string | null };
  unit: string;
  /** Null when the unit has no recorded result for this framework version. */
  result: { rank: string | null; source: string | null; recordedAt: string } | null;
  asOf: string;
  areas: (FrameworkAttainment['areas'][number] & { tasks: AreaTask[] })[];
  selfAssessment: FrameworkAttainment['selfAssessment'];
  sipas: FrameworkAttainment['sipas'];
  total: FrameworkAttainment['total'];
  /** Tasks of the plan whose criterion names an area this framework does not have. */
  otherTasks: AreaTask[];
}

export const toFramework = (e: IndexFrameworkEntity): IndexFramework => ({
  code: e.code,
  year: e.year,
  level: e.level,
  name: e.name,
  areas: e.areas,
  criteria: e.criteria,
  sipasMax: e.sipasMax,
});

@Injectable()
export class IndexFrameworkQuery {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  find(code: string, year: number, level: string): Promise<IndexFrameworkEntity | null> {
    return this.db.getRepository(IndexFrameworkEntity).findOneBy({ code, year, level: level as IndexFrameworkEntity['level'] });
  }

  list(): Promise<IndexFrameworkEntity[]> {
    return this.db.getRepository(IndexFrameworkEntity).find({ order: { code: 'ASC', year: 'DESC', level: 'ASC' } });
  }

  scores(code: string, year: number, level: string, unit: string): Promise<IndexScoreEntity | null> {
    return this.db.getRepository(IndexScoreEntity).findOneBy({ code, year, level: level as IndexScoreEntity['level'], unit });
  }

  /** Every recorded unit of a framework version, with its attainment per area. */
  async results(framework: IndexFrameworkEntity, rounding: Rounding = 'halfUp') {
    const rows = await this.db
      .getRepository(IndexScoreEntity)
      .find({ where: { code: framework.code, year: framework.year, level: framework.level }, order: { unit: 'ASC' } });
    return rows.map((r) => ({
      unit: r.unit,
      rank: r.rank,
      source: r.source,
      recordedAt: r.recordedAt.toISOString(),
      ...areaAttainment(toFramework(framework), { scores: r.scores, sipas: r.sipas }, rounding),
    }));
  }

  /**
   * The plan by area: the unit's max, score, points lost and attainment per area of the
   * framework, and the plan's tasks (with a criterion, assigned by `asOf`, led within `leadPath`)
   * whose criterion is in that area, with their status at `asOf`. One query for the tasks.
   */
  async planAreas(opts: {
    plan: { id: string; title: string };
    framework: IndexFrameworkEntity;
    unit: string;
    asOf: Date;
    leadPath: string | null;
    lead?: string | null;
    rounding: Rounding;
  }): Promise<PlanAreasView> {
    const { framework, asOf } = opts;
    const result = await this.scores(framework.code, framework.year, framework.level, opts.unit);
    const attainment = areaAttainment(
      toFramework(framework),
      { scores: result?.scores ?? {}, sipas: result?.sipas ?? null },
      opts.rounding,
    );
    const params: unknown[] = [asOf, localDateOf(asOf), opts.plan.id];
    let scope = '';
    if (opts.leadPath) {
      params.push(opts.leadPath);
      scope += ` AND starts_with(t.lead_path, $${params.length}::text)`;
    }
    if (opts.lead) {
      params.push(opts.lead);
      scope += ` AND t.lead = $${params.length}::text`;
    }
    const tasks: AreaTask[] = await this.db.query(
      `SELECT t.id AS "taskId", t.title, t.lead, t.criterion, to_char(t.due_on, 'YYYY-MM-DD') AS "dueOn",
              ${taskStatusSql('t', '$1::timestamptz', '$2::date')} AS status
         FROM rm_tasks t
        WHERE t.plan_id = $3::uuid AND t.criterion IS NOT NULL AND t.assigned_at <= $1::timestamptz${scope}`,
      params,
    );
    const natural = new Intl.Collator('vi', { numeric: true });
    tasks.sort(
      (a, b) => natural.compare(a.criterion, b.criterion) || natural.compare(a.title, b.title) || a.taskId.localeCompare(b.taskId),
    );
    const areaCodes = new Set(framework.areas.map((a) => a.code));
    return {
      plan: opts.plan,
      framework: { code: framework.code, year: framework.year, level: framework.level, name: framework.name },
      unit: opts.unit,
      result: result ? { rank: result.rank, source: result.source, recordedAt: result.recordedAt.toISOString() } : null,
      asOf: asOf.toISOString(),
      areas: attainment.areas.map((a) => ({ ...a, tasks: tasks.filter((t) => areaOf(t.criterion) === a.code) })),
      selfAssessment: attainment.selfAssessment,
      sipas: attainment.sipas,
      total: attainment.total,
      otherTasks: tasks.filter((t) => !areaCodes.has(areaOf(t.criterion) as string)),
    };
  }
}
