import { RecordedEvent } from '@dondoc/event-store';
import { TaskEvent, TaskState, evolveTask, taskStatusAt } from '@dondoc/domain/task';

const change = <T>(from: T, to: T) => (from === to ? undefined : { from, to });

/**
 * A task's story as an inspector reads it: for each event, who did it, when it happened and when
 * it was recorded, and what it changed: the status (classified at that event's `occurredAt`,
 * before and after it), the effective deadline and the lead office.
 */
export function taskTimeline(events: RecordedEvent[], graceDays: number) {
  let state: TaskState | null = null;
  return events.map((e) => {
    const at = e.occurredAt;
    const before = state;
    state = evolveTask(state, { type: e.type, data: e.data } as TaskEvent);
    const after = state;
    const lagMs = e.recordedAt.getTime() - e.occurredAt.getTime();
    return {
      position: e.globalPosition,
      version: e.version,
      type: e.type,
      actor: e.metadata.actor,
      occurredAt: e.occurredAt.toISOString(),
      recordedAt: e.recordedAt.toISOString(),
      /** Recorded more than the grace after it happened (an admin's back-fill, or a late report). */
      recordedLate: lagMs > graceDays * 86_400_000,
      changes: {
        status: change(before ? taskStatusAt(before, at) : null, after ? taskStatusAt(after, at) : null),
        dueOn: change(before?.deadline.dueOn ?? null, after?.deadline.dueOn ?? null),
        lead: change(before?.lead ?? null, after?.lead ?? null),
      },
      data: e.data,
      hash: e.hash,
    };
  });
}
