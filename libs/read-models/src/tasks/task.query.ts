import { Injectable } from '@nestjs/common';
import { LocalDate, localDateOf } from '@dondoc/domain/shared';
import { taskStatusAt } from '@dondoc/domain/task';
import { TaskReplay } from './task.replay';
import { TaskEntity } from './task.entity';
import { taskStatusSql } from './task-status.sql';
import { ReadSide } from '../projection/read-side';

export interface TaskListFilter {
  /** Only tasks led by offices at or under this path. */
  leadPath?: string;
  planId?: string;
  status?: string;
  criterion?: string;
  dueBefore?: LocalDate;
  asOf: Date;
  /** Answer from the record as it stood then (a replay of the log), not from the read model. */
  knownAt?: Date;
  limit: number;
  /** The last id of the previous page. */
  after?: string;
}

export interface TaskListRow {
  id: string;
  title: string;
  planId: string;
  lead: string;
  criterion: string | null;
  originalDueOn: string | null;
  dueOn: string | null;
  status: string;
  version: number;
  /** A completion report of it was returned by a leader and the office has not reported again. */
  returned: boolean;
}

@Injectable()
export class TaskQuery {
  constructor(
    private readonly read: ReadSide,
    private readonly replay: TaskReplay,
  ) {}

  async find(id: string): Promise<TaskEntity | null> {
    return this.read.findOneBy(TaskEntity, { id });
  }

  async openTaskIdsLedBy(office: string): Promise<string[]> {
    return (await this.openTasksLedBy(office)).map((t) => t.id);
  }

  /** The tasks a merge moves to the successor (its preview shows exactly these): led by `office`, neither done nor cancelled. */
  async openTasksLedBy(office: string): Promise<{ id: string; title: string; planId: string; dueOn: string | null }[]> {
    return this.read.query(
      `SELECT id, title, plan_id AS "planId", to_char(due_on, 'YYYY-MM-DD') AS "dueOn" FROM rm_tasks WHERE lead = $1 AND cancelled_at IS NULL AND completed_on IS NULL ORDER BY id`,
      [office],
    );
  }

  /** Keyset-paged by id, filtered in SQL, each row classified as of `asOf`. */
  async list(f: TaskListFilter): Promise<TaskListRow[]> {
    if (f.knownAt) return this.listKnownAt(f, f.knownAt);
    const params: unknown[] = [f.asOf, localDateOf(f.asOf)];
    const where: string[] = ['t.assigned_at <= $1'];
    const add = (sql: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (f.leadPath) add((p) => `starts_with(t.lead_path, ${p})`, f.leadPath);
    if (f.planId) add((p) => `t.plan_id = ${p}`, f.planId);
    if (f.criterion) add((p) => `(t.criterion = ${p} OR starts_with(t.criterion, ${p} || '.'))`, f.criterion);
    if (f.dueBefore) add((p) => `t.due_on < ${p}`, f.dueBefore);
    if (f.after) add((p) => `t.id > ${p}`, f.after);
    params.push(f.limit);
    const sql = `SELECT * FROM (
        SELECT t.id, t.title, t.plan_id AS "planId", t.lead, t.criterion, to_char(t.original_due_on, 'YYYY-MM-DD') AS "originalDueOn",
               to_char(t.due_on, 'YYYY-MM-DD') AS "dueOn", t.version, ${taskStatusSql('t', '$1::timestamptz', '$2::date')} AS status,
               coalesce(jsonb_typeof(t.state->'returned') = 'object', false) AS returned
          FROM rm_tasks t WHERE ${where.join(' AND ')}
      ) x ${f.status ? `WHERE x.status = $${params.length + 1}` : ''} ORDER BY x.id LIMIT $${params.length}`;
    if (f.status) params.push(f.status);
    return this.read.query(sql, params);
  }

  /** The same list from a replay; the same filters and order, applied in memory. */
  private async listKnownAt(f: TaskListFilter, knownAt: Date): Promise<TaskListRow[]> {
    const paths = new Map<string, string>(
      ((await this.read.query('SELECT code, path FROM rm_offices')) as { code: string; path: string }[]).map((r) => [r.code, r.path]),
    );
    return (await this.replay.tasksKnownAt(knownAt, f.planId))
      .filter(({ state }) => new Date(state.assignedAt) <= f.asOf)
      .filter(({ state }) => !f.leadPath || (paths.get(state.lead) ?? '').startsWith(f.leadPath))
      .filter(({ state }) => !f.criterion || state.criterion === f.criterion || (state.criterion ?? '').startsWith(`${f.criterion}.`))
      .filter(({ state }) => !f.dueBefore || (state.deadline.dueOn !== null && state.deadline.dueOn < f.dueBefore))
      .filter(({ state }) => !f.after || state.id > f.after)
      .map(({ state, version }) => ({
        id: state.id,
        title: state.title,
        planId: state.planId,
        lead: state.lead,
        criterion: state.criterion,
        originalDueOn: state.deadline.originalDueOn,
        dueOn: state.deadline.dueOn,
        version,
        status: taskStatusAt(state, f.asOf),
        returned: !!state.returned,
      }))
      .filter((row) => !f.status || row.status === f.status)
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .slice(0, f.limit);
  }
}
