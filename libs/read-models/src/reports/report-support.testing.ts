// Shared by the report integration specs (not a spec itself): a data source on the shared test
// database, task states built from events, and rows written straight into the read models.
import { fold } from '@dondoc/domain/shared';
import { TaskAssigned, TaskEvent, TaskState, evolveTask } from '@dondoc/domain/task';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { READ_MODEL_ENTITIES } from '../read-models';
import { TaskEntity, TaskItemEntity } from '../tasks/task.entity';
import { taskItems, taskRow } from '../tasks/task-row';

export function testDataSource(): DataSource {
  return new DataSource({ type: 'postgres', url: process.env.DONDOC_TEST_DATABASE_URL, entities: READ_MODEL_ENTITIES, poolSize: 5 });
}

/** A fresh code per test: the database is shared and never truncated. */
export const freshCode = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export function assignedEvent(over: Partial<TaskAssigned['data']> = {}): TaskAssigned {
  return {
    type: 'TaskAssigned',
    data: {
      taskId: randomUUID(),
      planId: randomUUID(),
      title: 'Nhiệm vụ',
      description: null,
      lead: 'X',
      supporting: [],
      followUp: null,
      criterion: null,
      expectedOutcome: null,
      target: null,
      parentTaskId: null,
      requiresAcceptance: true,
      assignedAt: '2024-01-15T02:00:00.000Z',
      assignedOn: '2024-01-15',
      deadline: { dueOn: '2024-03-31', phrase: null, recurrence: null },
      ...over,
    },
  };
}

export const reported = (completedOn: string, final: boolean, occurrence: string | null = null): TaskEvent => ({
  type: 'CompletionReported',
  data: { occurrence, completedOn, note: 'xong', evidence: [], achievedValue: null, at: `${completedOn}T03:00:00.000Z`, final },
});
export const accepted = (completedOn: string, at: string, occurrence: string | null = null): TaskEvent => ({
  type: 'CompletionAccepted',
  data: { occurrence, completedOn, note: null, at },
});
export const returned = (completedOn: string, at: string): TaskEvent => ({
  type: 'CompletionReturned',
  data: { occurrence: null, completedOn, reason: 'thiếu hồ sơ', at },
});
export const granted = (previousDueOn: string, dueOn: string, at = '2024-03-10T03:00:00.000Z'): TaskEvent => ({
  type: 'ExtensionGranted',
  data: { requestId: 'e1', previousDueOn, dueOn, note: null, at },
});
export const cancelled = (at: string): TaskEvent => ({ type: 'TaskCancelled', data: { reason: 'không còn phù hợp', at } });

export const stateOf = (events: TaskEvent[]): TaskState => fold(evolveTask, null as TaskState | null, events) as TaskState;

/** Writes task rows and items as the task projector would, with the lead's path. */
export async function insertTasks(ds: DataSource, tasks: { state: TaskState; leadPath: string }[]): Promise<void> {
  await ds.transaction(async (tx) => {
    const rows = tasks.map((t) => taskRow(t.state, 1, t.leadPath));
    for (let i = 0; i < rows.length; i += 500) await tx.getRepository(TaskEntity).insert(rows.slice(i, i + 500));
    const items = rows.flatMap(taskItems);
    for (let i = 0; i < items.length; i += 500) await tx.getRepository(TaskItemEntity).insert(items.slice(i, i + 500));
  });
}

export async function insertOffice(ds: DataSource, code: string, name: string, path: string): Promise<void> {
  await ds.query(
    `INSERT INTO rm_offices (code, name, parent, level, email, path, status, version) VALUES ($1, $2, NULL, NULL, NULL, $3, 'active', 1)`,
    [code, name, path],
  );
}
