import { Injectable } from '@nestjs/common';
import { localDateOf } from '@dondoc/domain/shared';
import { itemStatusSql } from '../tasks/task-status.sql';
import { PlanEntity } from './plan.entity';
import { ReadSide } from '../projection/read-side';

export type StatusCounts = Record<string, number>;

@Injectable()
export class PlanQuery {
  constructor(private readonly read: ReadSide) {}

  find(id: string): Promise<PlanEntity | null> {
    return this.read.findOneBy(PlanEntity, { id });
  }

  findByCode(code: string): Promise<PlanEntity | null> {
    return this.read.findOneBy(PlanEntity, { code });
  }

  /** Tasks and countable items of the plan by status as of `asOf`. */
  async taskCounts(planId: string, asOf: Date): Promise<{ tasks: number; items: number; byStatus: StatusCounts }> {
    const rows: { status: string; n: string }[] = await this.read.query(
      `SELECT ${itemStatusSql('i', '$2::timestamptz', '$3::date')} AS status, count(*) AS n
         FROM rm_task_items i WHERE i.plan_id = $1 AND i.assigned_at <= $2 GROUP BY 1 ORDER BY 1`,
      [planId, asOf, localDateOf(asOf)],
    );
    const tasks: { n: string }[] = await this.read.query('SELECT count(*) AS n FROM rm_tasks WHERE plan_id = $1 AND assigned_at <= $2', [
      planId,
      asOf,
    ]);
    const byStatus = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    return { tasks: Number(tasks[0].n), items: rows.reduce((a, r) => a + Number(r.n), 0), byStatus };
  }
}
