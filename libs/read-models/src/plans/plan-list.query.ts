import { Injectable } from '@nestjs/common';
import { ReadSide } from '../projection/read-side';

export interface PlanListItem {
  id: string;
  code: string | null;
  title: string;
  issuer: string;
  periodFrom: string;
  periodTo: string;
  status: string;
  /** Tasks not cancelled, and those whose completion was accepted. */
  tasks: number;
  done: number;
}

/**
 * The plans a reader sees, as GET /v1/plans/:id decides (ReadScope.canSeePlan): those issued by
 * its office or above it (an office works on its district's and province's plans), and for a
 * leader or inspector those issued within its subtree. The counts are of the tasks within the
 * reader's scope, as its reports count them. Newest period first.
 */
@Injectable()
export class PlanListQuery {
  constructor(private readonly read: ReadSide) {}

  async visibleFrom(path: string | null, withinToo: boolean, limit: number, offset: number): Promise<PlanListItem[]> {
    return this.read.query(
      `SELECT p.id, p.code, p.title, p.issuer, to_char(p.period_from, 'YYYY-MM-DD') AS "periodFrom", to_char(p.period_to, 'YYYY-MM-DD') AS "periodTo", p.status,
              coalesce(t.tasks, 0)::int AS tasks, coalesce(t.done, 0)::int AS done
         FROM rm_plans p
         JOIN rm_offices o ON o.code = p.issuer
         LEFT JOIN (SELECT plan_id, count(*) FILTER (WHERE cancelled_at IS NULL) AS tasks,
                           count(*) FILTER (WHERE cancelled_at IS NULL AND completed_on IS NOT NULL) AS done
                      FROM rm_tasks WHERE $1::text IS NULL OR starts_with(lead_path, $1) GROUP BY plan_id) t ON t.plan_id = p.id
        WHERE $1::text IS NULL OR starts_with($1, o.path) OR ($2 AND starts_with(o.path, $1))
        ORDER BY p.period_to DESC, p.title, p.id
        LIMIT $3 OFFSET $4`,
      [path, withinToo, limit, offset],
    );
  }
}
