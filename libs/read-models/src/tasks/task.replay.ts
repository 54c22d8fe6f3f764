import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TaskEvent, TaskState, evolveTask } from '@dondoc/domain/task';
import { DataSource } from 'typeorm';

export interface ReplayedTask {
  state: TaskState;
  version: number;
}

/**
 * The tasks as the record stood at `knownAt`: every task event recorded by then, folded again.
 * Correct before fast: it reads the log, not the read models (which only know "now").
 */
@Injectable()
export class TaskReplay {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async tasksKnownAt(knownAt: Date, planId?: string): Promise<ReplayedTask[]> {
    const rows: { stream_id: string; version: number; type: string; data: unknown }[] = await this.db.query(
      `SELECT stream_id, version, type, data FROM es_events
        WHERE starts_with(stream_id, 'task-') AND recorded_at <= $1
          AND ($2::text IS NULL OR stream_id IN (SELECT stream_id FROM es_events WHERE type = 'TaskAssigned' AND data->>'planId' = $2))
        ORDER BY stream_id, version`,
      [knownAt, planId ?? null],
    );
    const tasks = new Map<string, ReplayedTask>();
    for (const r of rows) {
      const current = tasks.get(r.stream_id);
      const state = evolveTask(current?.state ?? null, { type: r.type, data: r.data } as TaskEvent);
      if (state) tasks.set(r.stream_id, { state, version: r.version });
    }
    return [...tasks.values()];
  }
}
