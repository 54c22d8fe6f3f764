import { Injectable } from '@nestjs/common';
import { TASK_EVENT_TYPES, TaskEvent, TaskState, evolveTask, taskStreamId } from '@dondoc/domain/task';
import type { RecordedEvent } from '@dondoc/event-store';
import type { EntityManager } from 'typeorm';
import { Folded, foldStreams } from '../projection/fold-streams';
import { Projection } from '../projection/projection';
import { TaskEntity, TaskItemEntity } from './task.entity';
import { taskItems, taskRow } from './task-row';

const types = new Set<string>(TASK_EVENT_TYPES);
const TASK_PREFIX = taskStreamId('');

/**
 * Folds each task's events onto its stored state and rewrites the row and its items once per
 * batch, so a rebuild touches each task once per thousand events, not once per event. Lead paths
 * come from rm_offices (the offices projection runs first) and follow an office's move.
 */
@Injectable()
export class TaskProjector implements Projection {
  readonly name = 'tasks';
  readonly tables = ['rm_tasks', 'rm_task_items'];
  readonly dependsOn = ['offices'];

  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    const stored = new Set<string>();
    const states = await foldStreams<TaskState | null>(events, {
      prefix: TASK_PREFIX,
      types,
      initial: null,
      evolve: (s, e) => evolveTask(s, e as TaskEvent),
      load: async (ids) => {
        const rows = (await tx.query('SELECT id, state, version FROM rm_tasks WHERE id = ANY($1::uuid[])', [ids])) as Stored[];
        rows.forEach((r) => stored.add(r.id));
        return new Map(rows.map((r) => [r.id, { state: r.state, version: r.version }]));
      },
    });
    await this.write(states, stored, tx);
    for (const e of events) if (e.type === 'OfficeMoved') await followMove((e.data as { code: string }).code, tx);
  }

  private async write(states: Map<string, Folded<TaskState | null>>, stored: Set<string>, tx: EntityManager): Promise<void> {
    const leads = [...new Set([...states.values()].map((s) => s.state?.lead).filter((l): l is string => !!l))];
    const paths = new Map<string, string>(
      ((await tx.query('SELECT code, path FROM rm_offices WHERE code = ANY($1)', [leads])) as { code: string; path: string }[]).map((r) => [
        r.code,
        r.path,
      ]),
    );
    const rows = [...states.values()]
      .filter((s): s is { state: TaskState; version: number } => s.state !== null)
      .map((s) => taskRow(s.state, s.version, paths.get(s.state.lead) ?? `/?/${s.state.lead}/`));
    if (rows.length === 0) return;
    // In bulk: one upsert of the rows and one insert of their items per batch, each a single JSON
    // parameter (the ORM's per-value parameters cost more than the database's work).
    await tx.query(UPSERT_TASKS, [JSON.stringify(rows.map(taskRecord))]);
    // Only a task that had a row has items to replace.
    const had = rows.filter((r) => stored.has(r.id)).map((r) => r.id);
    if (had.length) await tx.query('DELETE FROM rm_task_items WHERE task_id = ANY($1::uuid[])', [had]);
    const items = rows.flatMap(taskItems);
    if (items.length) await tx.query(INSERT_ITEMS, [JSON.stringify(items.map(itemRecord))]);
  }
}

interface Stored {
  id: string;
  state: TaskState;
  version: number;
}

/**
 * An office moved: the rows led by an office of its subtree take that office's path as rm_offices
 * has it now (the offices projection is at or past this event; a later move is applied again when
 * its own event comes). A path never known (`/?/CODE/`) stays as it was.
 */
async function followMove(code: string, tx: EntityManager): Promise<void> {
  for (const table of ['rm_tasks', 'rm_task_items']) {
    await tx.query(
      `UPDATE ${table} t SET lead_path = o.path FROM rm_offices o, rm_offices moved
        WHERE moved.code = $1 AND starts_with(o.path, moved.path) AND t.lead = o.code
          AND t.lead_path <> o.path AND NOT starts_with(t.lead_path, '/?/')`,
      [code],
    );
  }
}

const TASK_COLUMNS =
  'id uuid, plan_id uuid, title text, lead text, lead_path text, supporting text[], follow_up text, criterion text, area text, original_due_on date, due_on date, recurring boolean, extended boolean, assigned_at timestamptz, completed_on date, awaiting_on date, cancelled_at timestamptz, state jsonb, version integer';
const TASK_NAMES = TASK_COLUMNS.split(', ').map((c) => c.split(' ')[0]);
const UPSERT_TASKS = `INSERT INTO rm_tasks (${TASK_NAMES.join(', ')})
  SELECT ${TASK_NAMES.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS x(${TASK_COLUMNS})
  ON CONFLICT (id) DO UPDATE SET ${TASK_NAMES.filter((c) => c !== 'id')
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')}`;
const ITEM_COLUMNS =
  'task_id uuid, key text, plan_id uuid, lead text, lead_path text, criterion text, area text, due_on date, extended boolean, assigned_at timestamptz, completed_on date, awaiting_on date, cancelled_at timestamptz';
const ITEM_NAMES = ITEM_COLUMNS.split(', ').map((c) => c.split(' ')[0]);
const INSERT_ITEMS = `INSERT INTO rm_task_items (${ITEM_NAMES.join(', ')}) SELECT ${ITEM_NAMES.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS x(${ITEM_COLUMNS})`;

const taskRecord = (r: TaskEntity) => ({
  id: r.id,
  plan_id: r.planId,
  title: r.title,
  lead: r.lead,
  lead_path: r.leadPath,
  supporting: r.supporting,
  follow_up: r.followUp,
  criterion: r.criterion,
  area: r.area,
  original_due_on: r.originalDueOn,
  due_on: r.dueOn,
  recurring: r.recurring,
  extended: r.extended,
  assigned_at: r.assignedAt,
  completed_on: r.completedOn,
  awaiting_on: r.awaitingOn,
  cancelled_at: r.cancelledAt,
  state: r.state,
  version: r.version,
});

const itemRecord = (i: TaskItemEntity) => ({
  task_id: i.taskId,
  key: i.key,
  plan_id: i.planId,
  lead: i.lead,
  lead_path: i.leadPath,
  criterion: i.criterion,
  area: i.area,
  due_on: i.dueOn,
  extended: i.extended,
  assigned_at: i.assignedAt,
  completed_on: i.completedOn,
  awaiting_on: i.awaitingOn,
  cancelled_at: i.cancelledAt,
});
