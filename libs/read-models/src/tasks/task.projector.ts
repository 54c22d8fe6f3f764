import { Injectable } from '@nestjs/common';
import { TASK_EVENT_TYPES, TaskEvent, TaskState, evolveTask } from '@dondoc/domain/task';
import type { RecordedEvent } from '@dondoc/event-store';
import { EntityManager, In } from 'typeorm';
import { Projection } from '../projection/projection';
import { TaskEntity, TaskItemEntity } from './task.entity';
import { taskItems, taskRow } from './task-row';

const handled = new Set<string>(TASK_EVENT_TYPES);

/**
 * Folds each task's events onto its stored state and rewrites the row and its items once per
 * batch, so a rebuild touches each task once per thousand events, not once per event.
 */
@Injectable()
export class TaskProjector implements Projection {
  readonly name = 'tasks';

  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    const mine = events.filter((e) => handled.has(e.type));
    if (mine.length === 0) return;
    const ids = [...new Set(mine.map((e) => e.streamId.replace(/^task-/, '')))];
    const existing = await tx.getRepository(TaskEntity).findBy({ id: In(ids) });
    const states = new Map<string, { state: TaskState | null; version: number }>(existing.map((r) => [r.id, { state: r.state, version: r.version }]));
    for (const e of mine) {
      const id = e.streamId.replace(/^task-/, '');
      const current = states.get(id) ?? { state: null, version: 0 };
      states.set(id, { state: evolveTask(current.state, { type: e.type, data: e.data } as TaskEvent), version: e.version });
    }
    const leads = [...new Set([...states.values()].map((s) => s.state?.lead).filter((l): l is string => !!l))];
    const paths = new Map<string, string>(
      ((await tx.query('SELECT code, path FROM rm_offices WHERE code = ANY($1)', [leads])) as { code: string; path: string }[]).map((r) => [r.code, r.path]),
    );
    const rows = [...states.values()]
      .filter((s): s is { state: TaskState; version: number } => s.state !== null)
      .map((s) => taskRow(s.state, s.version, paths.get(s.state.lead) ?? `/?/${s.state.lead}/`));
    if (rows.length === 0) return;
    await tx.getRepository(TaskEntity).upsert(rows, ['id']);
    await tx.getRepository(TaskItemEntity).delete({ taskId: In(rows.map((r) => r.id)) });
    const items = rows.flatMap(taskItems);
    for (let i = 0; i < items.length; i += 1000) await tx.getRepository(TaskItemEntity).insert(items.slice(i, i + 1000));
  }
}
