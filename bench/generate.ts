/**
 * The data generator: offices and tasks with whole histories, every event decided by the domain's
 * own deciders (an admin back-filling), so the data has exactly the shape the projectors and the
 * reports meet in production. Written through EventStore.appendMany, the back-fill path.
 *
 * Shape of the set: `offices` offices under one root (a province: UBND-<tag> and its offices),
 * `tasks` tasks spread evenly over them, `eventsPerTask` events each on average (assignment,
 * progress reports, and for 60 % of the tasks a completion report and its acceptance; the other
 * 40 % stay open past their deadline, so they are overdue), in `plans` plans.
 */
import { CommandContext } from '@dondoc/domain/shared';
import { OfficeEvent, decideOffice, officeStreamId } from '@dondoc/domain/office';
import { TaskCommand, TaskEvent, TaskState, decideTask, evolveTask, taskStreamId } from '@dondoc/domain/task';
import { NewEvent, PostgresEventStore, StreamAppend } from '@dondoc/event-store';
import { randomUUID } from 'node:crypto';

const HOUR = 3_600_000;
const actor = { userId: 'admin-bench', role: 'admin' as const, office: 'ROOT' };
const ctx = (at: Date): CommandContext => ({ actor, occurredAt: at, recordedAt: at, isWithin: () => true });

function toNew(events: { type: string; data: unknown }[], at: Date): NewEvent[] {
  const correlationId = randomUUID();
  return events.map((e) => ({
    eventId: randomUUID(),
    type: e.type,
    data: e.data,
    occurredAt: at,
    metadata: { actor: { ...actor }, correlationId, causationId: correlationId, backfilled: true },
  }));
}

export interface GeneratedSet {
  tag: string;
  root: string;
  offices: string[];
  plans: string[];
}

export function officeAppends(tag: string, count: number): { set: GeneratedSet; appends: StreamAppend[] } {
  const root = `UBND-${tag}`;
  const codes = [root, ...Array.from({ length: count - 1 }, (_, i) => `${tag}-P${String(i + 1).padStart(4, '0')}`)];
  const at = new Date('2024-01-02T02:00:00Z');
  const appends = codes.map((code, i) => {
    const events: OfficeEvent[] = decideOffice(
      {
        type: 'RegisterOffice',
        data: {
          code,
          name: i === 0 ? `UBND tỉnh ${tag}` : `Phòng ${i} ${tag}`,
          parent: i === 0 ? null : root,
          level: i === 0 ? 'district' : 'office',
        },
      },
      null,
      ctx(at),
    );
    return { streamId: officeStreamId(code), events: toNew(events, at), expected: 'noStream' as const };
  });
  return { set: { tag, root, offices: codes, plans: [] }, appends };
}

/** One task's whole history: `n` events (≥ 2), decided command by command an hour apart. */
export function taskHistory(taskId: string, planId: string, lead: string, n: number, done: boolean, start: Date): StreamAppend {
  let state: TaskState | null = null;
  const events: NewEvent[] = [];
  let at = start;
  const run = (command: TaskCommand) => {
    const decided: TaskEvent[] = decideTask(command, state, ctx(at));
    for (const e of decided) state = evolveTask(state, e);
    events.push(...toNew(decided, at));
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
  const progress = done ? Math.max(0, n - 3) : n - 1;
  for (let i = 1; i <= progress; i++)
    run({ type: 'ReportProgress', note: `Tiến độ lần ${i}: đã triển khai theo kế hoạch`, percent: Math.min(100, i * 10) });
  if (done) {
    run({ type: 'ReportCompletion', note: 'Đã hoàn thành', evidence: [{ documentNumber: `${taskId.slice(0, 4)}/BC-UBND` }] });
    run({ type: 'AcceptCompletion', note: 'Đạt' });
  }
  return { streamId: taskStreamId(taskId), events, expected: 'noStream' };
}

/** Task histories for tasks [from, to) of the set, deterministic in their shape (ids random). */
export function taskAppends(set: GeneratedSet, from: number, to: number, eventsPerTask: number): StreamAppend[] {
  const leads = set.offices.slice(1).length ? set.offices.slice(1) : set.offices;
  const base = Date.parse('2024-02-01T02:00:00Z');
  const out: StreamAppend[] = [];
  for (let i = from; i < to; i++) {
    // Around the average: eventsPerTask-1, eventsPerTask, eventsPerTask+1.
    const n = Math.max(3, eventsPerTask + ((i % 3) - 1));
    out.push(
      taskHistory(
        randomUUID(),
        set.plans[i % set.plans.length],
        leads[i % leads.length],
        n,
        i % 5 >= 2,
        new Date(base + (i % 500) * 60_000),
      ),
    );
  }
  return out;
}

/**
 * Writes `tasks` tasks through appendMany, `perTx` streams per transaction, `parallel` at a time,
 * generating as it goes (bounded memory). Returns the events written and the seconds it took.
 */
export async function writeTasks(
  store: PostgresEventStore,
  set: GeneratedSet,
  tasks: number,
  eventsPerTask: number,
  opts: { perTx?: number; parallel?: number; log?: (line: string) => void } = {},
): Promise<{ events: number; seconds: number }> {
  const perTx = opts.perTx ?? 500;
  let next = 0;
  let events = 0;
  let lastLog = 0;
  const t0 = performance.now();
  const lane = async () => {
    while (next < tasks) {
      const from = next;
      next = Math.min(tasks, next + perTx);
      const group = taskAppends(set, from, next, eventsPerTask);
      await store.appendMany(group);
      events += group.reduce((s, a) => s + a.events.length, 0);
      if (opts.log && next - lastLog >= 50_000) {
        lastLog = next;
        opts.log(
          `  generated ${next.toLocaleString('en-US')} tasks, ${events.toLocaleString('en-US')} events, ${Math.round(events / ((performance.now() - t0) / 1000))} events/s`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: opts.parallel ?? 2 }, lane));
  return { events, seconds: (performance.now() - t0) / 1000 };
}

export function newSet(offices: number, plans: number): { set: GeneratedSet; appends: StreamAppend[] } {
  const tag = randomUUID().replace(/-/g, '').slice(0, 6).toUpperCase();
  const r = officeAppends(tag, offices);
  r.set.plans = Array.from({ length: plans }, () => randomUUID());
  return r;
}
