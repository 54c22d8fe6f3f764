import { CommandContext } from '@dondoc/domain/shared';
import { OfficeEvent, decideOffice, officeStreamId } from '@dondoc/domain/office';
import { TaskCommand, TaskEvent, TaskState, decideTask, evolveTask, taskStreamId } from '@dondoc/domain/task';
import { NewEvent, PostgresEventStore, StreamAppend } from '@dondoc/event-store';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

/**
 * Writes a realistic log straight into the event store, bypassing HTTP: every event is decided by
 * the domain's own deciders (an admin back-filling, so no office-tree rule stands in the way), so
 * its data has exactly the shape the projectors meet in production.
 */
export type TaskShape = 'progress' | 'accepted' | 'accepted-long' | 'awaiting-extended' | 'extensions';

/** The shapes `shapeOf(i)` cycles through for a mixed load (4.25 events per task on average). */
const MIXED: TaskShape[] = ['progress', 'accepted', 'accepted-long', 'awaiting-extended'];

export const eventsPerShape: Record<TaskShape, number> = {
  progress: 2,
  accepted: 5,
  'accepted-long': 6,
  'awaiting-extended': 5,
  extensions: 5,
};

const HOUR = 3_600_000;

export class LogLoader {
  private readonly pool: Pool;
  readonly store: PostgresEventStore;
  private readonly actor = { userId: 'admin-load', role: 'admin' as const, office: 'ROOT' };

  constructor(databaseUrl: string, connections = 4) {
    this.pool = new Pool({ connectionString: databaseUrl, max: connections });
    this.store = new PostgresEventStore(this.pool);
  }

  private ctx(at: Date): CommandContext {
    return { actor: this.actor, occurredAt: at, recordedAt: at, isWithin: () => true };
  }

  private toNew(events: { type: string; data: unknown }[], at: Date): NewEvent[] {
    const correlationId = randomUUID();
    return events.map((e) => ({
      eventId: randomUUID(),
      type: e.type,
      data: e.data,
      occurredAt: at,
      metadata: { actor: { ...this.actor }, correlationId, causationId: correlationId, backfilled: true },
    }));
  }

  /** A root office `UBND-<tag>` and `count - 1` offices under it; returns their codes (root first). */
  async registerOffices(tag: string, count: number): Promise<string[]> {
    const root = `UBND-${tag}`;
    const codes = [root, ...Array.from({ length: count - 1 }, (_, i) => `${tag}-P${String(i + 1).padStart(2, '0')}`)];
    const at = new Date('2024-01-02T02:00:00Z');
    const appends: StreamAppend[] = codes.map((code, i) => {
      const events: OfficeEvent[] = decideOffice(
        {
          type: 'RegisterOffice',
          data: {
            code,
            name: i === 0 ? `UBND huyện ${tag}` : `Phòng ${i} ${tag}`,
            parent: i === 0 ? null : root,
            level: i === 0 ? 'district' : 'office',
          },
        },
        null,
        this.ctx(at),
      );
      return { streamId: officeStreamId(code), events: this.toNew(events, at), expected: 'noStream' };
    });
    await this.store.appendMany(appends);
    return codes;
  }

  /** One task's whole history, decided command by command an hour apart. */
  taskHistory(taskId: string, planId: string, lead: string, shape: TaskShape, start: Date): StreamAppend {
    let state: TaskState | null = null;
    const events: NewEvent[] = [];
    let at = start;
    const run = (command: TaskCommand) => {
      const decided: TaskEvent[] = decideTask(command, state, this.ctx(at));
      for (const e of decided) state = evolveTask(state, e);
      events.push(...this.toNew(decided, at));
      at = new Date(at.getTime() + HOUR);
    };
    run({
      type: 'AssignTask',
      taskId,
      planId,
      title: `Nhiệm vụ ${taskId.slice(0, 8)}`,
      lead,
      requiresAcceptance: true,
      dueOn: '2024-12-31',
      criterion: '1.2',
    });
    const progress = (n: number) => {
      for (let i = 1; i <= n; i++) run({ type: 'ReportProgress', note: `Tiến độ lần ${i}`, percent: Math.min(100, i * 30) });
    };
    switch (shape) {
      case 'progress':
        progress(1);
        break;
      case 'accepted':
        progress(2);
        run({ type: 'ReportCompletion', note: 'Đã hoàn thành', evidence: [{ documentNumber: `${taskId.slice(0, 4)}/BC-UBND` }] });
        run({ type: 'AcceptCompletion', note: 'Đạt' });
        break;
      case 'accepted-long':
        progress(3);
        run({ type: 'ReportCompletion', note: 'Đã hoàn thành' });
        run({ type: 'AcceptCompletion' });
        break;
      case 'awaiting-extended': {
        const requestId = randomUUID();
        run({ type: 'RequestExtension', requestId, dueOn: '2025-03-31', reason: 'Chờ hướng dẫn' });
        run({ type: 'GrantExtension', requestId });
        progress(1);
        run({ type: 'ReportCompletion', note: 'Chờ nghiệm thu' });
        break;
      }
      case 'extensions': {
        // Two ExtensionRequested: each appends to the task's list, so a batch applied twice shows.
        const first = randomUUID();
        const second = randomUUID();
        run({ type: 'RequestExtension', requestId: first, dueOn: '2025-03-31', reason: 'Thiếu kinh phí' });
        run({ type: 'DenyExtension', requestId: first, reason: 'Không đủ căn cứ' });
        run({ type: 'RequestExtension', requestId: second, dueOn: '2025-06-30', reason: 'Chờ hướng dẫn' });
        run({ type: 'GrantExtension', requestId: second });
        break;
      }
    }
    return { streamId: taskStreamId(taskId), events, expected: 'noStream' };
  }

  /**
   * `count` tasks over `leads`, `perTx` streams per appendMany, `parallel` transactions at a time.
   * Returns the task ids and the number of events written.
   */
  async appendTasks(
    count: number,
    leads: string[],
    opts: { planId?: string; shape?: (i: number) => TaskShape; perTx?: number; parallel?: number } = {},
  ): Promise<{ taskIds: string[]; events: number }> {
    const planId = opts.planId ?? randomUUID();
    const shape = opts.shape ?? ((i: number) => MIXED[i % MIXED.length]);
    const perTx = opts.perTx ?? 250;
    const appends: StreamAppend[] = [];
    const base = Date.parse('2024-02-01T02:00:00Z');
    for (let i = 0; i < count; i++) {
      appends.push(this.taskHistory(randomUUID(), planId, leads[i % leads.length], shape(i), new Date(base + (i % 500) * 60_000)));
    }
    const groups: StreamAppend[][] = [];
    for (let i = 0; i < appends.length; i += perTx) groups.push(appends.slice(i, i + perTx));
    let next = 0;
    const lane = async () => {
      while (next < groups.length) await this.store.appendMany(groups[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(opts.parallel ?? 3, groups.length) }, lane));
    return {
      taskIds: appends.map((a) => a.streamId.replace(/^task-/, '')),
      events: appends.reduce((n, a) => n + a.events.length, 0),
    };
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
