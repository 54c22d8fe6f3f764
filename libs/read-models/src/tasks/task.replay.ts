import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TaskEvent, TaskState, evolveTask, taskStreamId } from '@dondoc/domain/task';
import { EVENT_STORE, EventStore, GlobalPosition, RecordedEvent, START } from '@dondoc/event-store';
import { DataSource } from 'typeorm';
import { MAIN_PROJECTOR } from '../projection/projector.service';

export interface ReplayedTask {
  state: TaskState;
  version: number;
}

const PAGE = 5000;
const TASK_PREFIX = taskStreamId('');

/**
 * The tasks as the record stood at `knownAt`: every task event recorded by then, folded again.
 * Correct before fast: it reads the log (through the store), not the read models (which only know
 * "now"); the read models only say which streams are a plan's.
 */
@Injectable()
export class TaskReplay {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** In task stream order (as `ORDER BY stream_id`), each task folded from its events in version order. */
  async tasksKnownAt(knownAt: Date, planId?: string): Promise<ReplayedTask[]> {
    const tasks = new Map<string, ReplayedTask>();
    const fold = (events: RecordedEvent[]) => {
      for (const e of events) {
        const current = tasks.get(e.streamId);
        const state = evolveTask(current?.state ?? null, { type: e.type, data: e.data } as TaskEvent);
        if (state) tasks.set(e.streamId, { state, version: e.version });
      }
    };
    if (planId) fold(await this.store.readStreams(await this.taskStreamsOf(planId, knownAt), { knownAt }));
    else await this.eachPage({ knownAt, filter: { streamPrefix: TASK_PREFIX } }, fold);
    return [...tasks].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, task]) => task);
  }

  /**
   * The streams of the plan's tasks assigned by `knownAt`, or a few more: the tasks read model's
   * (a task never changes plan, and its row is never deleted), and the assignments in the log
   * beyond its checkpoint (recorded, not yet projected). Both read in one snapshot of the read models.
   */
  private async taskStreamsOf(planId: string, knownAt: Date): Promise<string[]> {
    const [row] = (await this.db.query(
      `SELECT (SELECT position FROM rm_checkpoints WHERE name = $2) AS checkpoint,
              ARRAY(SELECT id::text FROM rm_tasks WHERE plan_id = $1) AS ids`,
      [planId, MAIN_PROJECTOR],
    )) as { checkpoint: GlobalPosition | null; ids: string[] }[];
    const streams = new Set(row.ids.map(taskStreamId));
    await this.eachPage(
      { after: row.checkpoint ?? START, knownAt, filter: { types: ['TaskAssigned'], streamPrefix: TASK_PREFIX } },
      (events) => {
        for (const e of events) if ((e.data as { planId?: unknown }).planId === planId) streams.add(e.streamId);
      },
    );
    return [...streams];
  }

  private async eachPage(
    options: { after?: GlobalPosition; knownAt: Date; filter: { types?: string[]; streamPrefix: string } },
    handle: (events: RecordedEvent[]) => void,
  ): Promise<void> {
    let after = options.after ?? START;
    for (;;) {
      const page = await this.store.readAll({ ...options, after, limit: PAGE });
      handle(page.events);
      if (page.events.length < PAGE) return;
      after = page.position;
    }
  }
}
