import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Finding, Inspection } from '@dondoc/domain/inspection';
import type { Plan } from '@dondoc/domain/plan';
import type { TaskState } from '@dondoc/domain/task';
import { DataSource } from 'typeorm';
import { FindingEntity, InspectionEntity } from './inspection.entity';
import { FindingsInput } from './findings-report';

/** What a findings report counts: findings of inspected offices under a path, or of one office. */
export interface FindingsFilter {
  /** Inspected offices at or under this path (null: everywhere). */
  officePath: string | null;
  /** Exactly this office (an officer's own). */
  office?: string | null;
  inspectionId?: string | null;
}

@Injectable()
export class InspectionQuery {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  find(id: string): Promise<InspectionEntity | null> {
    return this.db.getRepository(InspectionEntity).findOneBy({ id });
  }

  finding(id: string): Promise<FindingEntity | null> {
    return this.db.getRepository(FindingEntity).findOneBy({ id });
  }

  findingsOf(inspectionId: string): Promise<FindingEntity[]> {
    return this.db.getRepository(FindingEntity).find({ where: { inspectionId }, order: { recordedAt: 'ASC', id: 'ASC' } });
  }

  /** Inspections that touch an office at or under `path` (inspecting or inspected); null: all. Newest period first. */
  async list(opts: { path: string | null; office?: string | null; limit: number; offset: number }): Promise<InspectionEntity[]> {
    const q = this.db.getRepository(InspectionEntity).createQueryBuilder('i');
    if (opts.path) q.andWhere('EXISTS (SELECT 1 FROM unnest(i.paths) AS p WHERE starts_with(p, :path))', { path: opts.path });
    if (opts.office) q.andWhere('(i.inspecting_office = :office OR :office = ANY(i.offices))', { office: opts.office });
    return q.orderBy('i.period_from', 'DESC').addOrderBy('i.id', 'ASC').limit(opts.limit).offset(opts.offset).getMany();
  }

  /** Office names, for the offices an inspection names (its readers see them, whatever their own tree). */
  async officeNames(codes: string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows: { code: string; name: string }[] = await this.db.query('SELECT code, name FROM rm_offices WHERE code = ANY($1)', [codes]);
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  async tasks(ids: string[]): Promise<Map<string, TaskState>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; state: TaskState }[] = await this.db.query('SELECT id, state FROM rm_tasks WHERE id = ANY($1::uuid[])', [
      ids,
    ]);
    return new Map(rows.map((r) => [r.id, r.state]));
  }

  /** The findings, their remediation tasks, the inspections and their plans a findings report counts. */
  async reportInput(
    filter: FindingsFilter,
  ): Promise<Omit<FindingsInput, 'officeName' | 'inspectionTitle'> & { officeNames: Map<string, string> }> {
    const fq = this.db.getRepository(FindingEntity).createQueryBuilder('f');
    if (filter.officePath) fq.andWhere('starts_with(f.office_path, :path)', { path: filter.officePath });
    if (filter.office) fq.andWhere('f.office = :office', { office: filter.office });
    if (filter.inspectionId) fq.andWhere('f.inspection_id = :id', { id: filter.inspectionId });
    const findings = (await fq.getMany()).map((r) => r.state as Finding);
    const iq = this.db.getRepository(InspectionEntity).createQueryBuilder('i');
    if (filter.officePath)
      iq.andWhere('EXISTS (SELECT 1 FROM unnest(i.paths) AS p WHERE starts_with(p, :path))', { path: filter.officePath });
    if (filter.office) iq.andWhere('(i.inspecting_office = :office OR :office = ANY(i.offices))', { office: filter.office });
    if (filter.inspectionId) iq.andWhere('i.id = :id', { id: filter.inspectionId });
    const inspections = (await iq.getMany()).map((r) => r.state as Inspection);
    const planIds = [...new Set(inspections.map((i) => i.planId).filter((p): p is string => !!p))];
    const plans = new Map<string, Plan>();
    if (planIds.length) {
      const rows: { id: string; state: Plan }[] = await this.db.query('SELECT id, state FROM rm_plans WHERE id = ANY($1::uuid[])', [
        planIds,
      ]);
      rows.forEach((r) => plans.set(r.id, r.state));
    }
    const tasks = await this.tasks([...new Set(findings.flatMap((f) => f.remediation.map((r) => r.taskId)))]);
    const codes = [...new Set(findings.map((f) => f.office))];
    const names: { code: string; name: string }[] = codes.length
      ? await this.db.query('SELECT code, name FROM rm_offices WHERE code = ANY($1)', [codes])
      : [];
    return { findings, tasks, inspections, plans, officeNames: new Map(names.map((n) => [n.code, n.name])) };
  }
}
