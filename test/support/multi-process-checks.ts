import { Pool } from 'pg';
import { storedEvents } from '@dondoc/event-store/postgres/testing/stored-events';

export interface TaskLogTally {
  stream_id: string;
  n: number;
  max: number;
  progress: number;
  ext: number;
  ack: number;
  assigned: number;
  last_note: string;
}

/** Per task stream, what the log holds: how many events of each kind, the highest version, the last report's note. */
export async function taskLogTally(db: Pool, taskIds: string[]): Promise<TaskLogTally[]> {
  const perStream = new Map<string, TaskLogTally>();
  for (const e of await storedEvents(db, { streamIds: taskIds.map((id) => `task-${id}`) })) {
    const r = perStream.get(e.stream_id) ?? {
      stream_id: e.stream_id,
      n: 0,
      max: 0,
      progress: 0,
      ext: 0,
      ack: 0,
      assigned: 0,
      last_note: '',
    };
    r.n++;
    r.max = Math.max(r.max, e.version);
    if (e.type === 'ProgressReported') {
      r.progress++;
      r.last_note = (e.data as { note: string }).note; // position order is version order within a stream
    }
    if (e.type === 'ExtensionRequested') r.ext++;
    if (e.type === 'TaskAcknowledged') r.ack++;
    if (e.type === 'TaskAssigned') r.assigned++;
    perStream.set(e.stream_id, r);
  }
  return [...perStream.values()];
}
