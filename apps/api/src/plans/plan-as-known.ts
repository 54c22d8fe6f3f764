import { Inject, Injectable } from '@nestjs/common';
import { Plan, planDecider, planStreamId } from '@dondoc/domain/plan';
import { fold } from '@dondoc/domain/shared';
import { EVENT_STORE, EventStore } from '@dondoc/event-store';
import { ReportReplay, replayItems } from '@dondoc/read-models/reports/report-replay';

/**
 * A plan as the record stood at `knownAt` (inspectors' "as recorded on"): its stream folded from
 * the events recorded by then, and its task counts classified as of `asOf` from the tasks known
 * then — what GET /v1/plans/:id answered at that moment.
 */
@Injectable()
export class PlanAsKnown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly replay: ReportReplay,
  ) {}

  async read(
    id: string,
    knownAt: Date,
    asOf: Date,
    /** The reader's scope, checked on the plan as recorded before the (whole-log) snapshot is taken. */
    mayRead: (plan: Plan) => Promise<boolean>,
  ): Promise<{ plan: Plan; version: number; taskCounts: { tasks: number; items: number; byStatus: Record<string, number> } } | null> {
    const events = await this.store.readStream(planStreamId(id), { knownAt });
    const plan = fold(
      planDecider.evolve,
      planDecider.initialState,
      events.map((e) => ({ type: e.type, data: e.data }) as Parameters<typeof planDecider.evolve>[1]),
    );
    if (!plan || !(await mayRead(plan))) return null;
    const snapshot = await this.replay.snapshot(knownAt);
    const items = replayItems(snapshot, asOf).filter((i) => i.planId === id);
    const byStatus: Record<string, number> = {};
    for (const i of items) byStatus[i.status] = (byStatus[i.status] ?? 0) + 1;
    const tasks = snapshot.tasks.filter((t) => t.planId === id && Date.parse(t.assignedAt) <= asOf.getTime()).length;
    return { plan, version: events[events.length - 1].version, taskCounts: { tasks, items: items.length, byStatus } };
  }
}
