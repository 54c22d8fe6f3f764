/**
 * The status rule of DOMAIN.md in SQL, for an item row `i` at instant $T whose local date
 * (Asia/Ho_Chi_Minh) is $TD. It must agree with taskStatusAt in libs/domain (a test checks it):
 * a deadline D is kept through the end of its local day, so "late" is simply TD > D.
 */
export const itemStatusSql = (i: string, t: string, td: string) => `CASE
  WHEN ${i}.cancelled_at IS NOT NULL AND ${i}.cancelled_at <= ${t} THEN 'CANCELLED'
  WHEN ${i}.completed_on IS NOT NULL AND ${i}.completed_on <= ${td} THEN
    CASE WHEN ${i}.due_on IS NULL OR ${i}.completed_on <= ${i}.due_on THEN 'DONE_ON_TIME' ELSE 'DONE_LATE' END
  WHEN ${i}.awaiting_on IS NOT NULL AND ${i}.awaiting_on <= ${td} THEN 'AWAITING_ACCEPTANCE'
  WHEN ${i}.due_on IS NULL THEN 'NO_DEADLINE'
  WHEN ${td} > ${i}.due_on THEN 'OVERDUE'
  ELSE 'IN_PROGRESS'
END`;

/** A task's status from its items: the earliest item not done, else done late if any was. */
export const taskStatusSql = (task: string, t: string, td: string) => `(
  SELECT CASE
    WHEN bool_and(x.s IN ('DONE_ON_TIME', 'DONE_LATE')) THEN CASE WHEN bool_or(x.s = 'DONE_LATE') THEN 'DONE_LATE' ELSE 'DONE_ON_TIME' END
    ELSE (array_agg(x.s ORDER BY x.due_on NULLS LAST) FILTER (WHERE x.s NOT IN ('DONE_ON_TIME', 'DONE_LATE')))[1]
  END
  FROM (SELECT ${itemStatusSql('i', t, td)} AS s, i.due_on FROM rm_task_items i WHERE i.task_id = ${task}.id) x
)`;
