import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Actor } from '@dondoc/domain/shared';
import { TaskCommand, taskDecider, taskStreamId } from '@dondoc/domain/task';
import { EVENT_STORE, EventStore } from '@dondoc/event-store';
import { ConsistencyService } from '@dondoc/read-models/projection/consistency.service';
import { randomUUID } from 'node:crypto';
import sonHaPlan from '../../../../../docs/examples/son-ha-2024-remediation-plan.json';
import { AggregateRunner } from '../../application/aggregate-runner';
import { ImportAnswer, ImportPlanCommand } from '../import-plan/import-plan.command';
import { DEMO_STORY, DemoStep } from './demo.story';

const IMPORTER: Actor = { userId: 'dondoc-demo', role: 'admin', office: 'UBND-QNG', name: 'Dữ liệu minh họa' };

/**
 * `npm start -- --demo` (or DONDOC_DEMO=1) on an empty database: imports the Sơn Hà plan and
 * back-fills what its offices and leaders did in 2024 (DEMO_STORY). Every event is written by the
 * admin `dondoc-demo` with its 2024 occurredAt; an office's own action carries that office as the
 * actor's office and `onBehalfOf: { office, role: 'officer' }` in its metadata, a leader's
 * `onBehalfOf: { office: 'UBND-SH', role: 'leader' }`. On a database with any event it does nothing.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly commands: CommandBus,
    private readonly runner: AggregateRunner,
    private readonly consistency: ConsistencyService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async run(): Promise<boolean> {
    const { events } = await this.store.readAll({ limit: 1 });
    if (events.length > 0) {
      this.logger.log('the database already has events: the demo data is not loaded (it loads on an empty database only)');
      return false;
    }
    const now = this.runner.now();
    const ctx = { actor: IMPORTER, occurredAt: now, recordedAt: now, correlationId: randomUUID() };
    const imported = await this.commands.execute(new ImportPlanCommand({ contentType: 'application/json', body: sonHaPlan }, {}, ctx));
    const taskOf = new Map(imported.tasks.map((t) => [`${t.ref}/${t.lead}`, t.taskId]));
    const requests = new Map<string, string>();
    let last = imported.position;
    for (const step of DEMO_STORY) last = (await this.act(step, taskOf, requests, ctx.correlationId)) ?? last;
    if (last) await this.consistency.waitFor(last);
    const answer = imported.answer as ImportAnswer; // not a dry run
    this.logger.log(
      `demo data loaded: plan ${answer.plan.code} (${answer.tasks} tasks) and ${DEMO_STORY.length} things its offices did in 2024`,
    );
    return true;
  }

  private async act(
    step: DemoStep,
    taskOf: Map<string, string>,
    requests: Map<string, string>,
    correlationId: string,
  ): Promise<string | null> {
    const taskId = taskOf.get(`${step.ref}/${step.lead}`);
    if (!taskId) throw new Error(`demo story: no task ${step.ref} for ${step.lead}`);
    let command = step.command as TaskCommand;
    if (command.type === 'RequestExtension') {
      command = { ...command, requestId: randomUUID() };
      requests.set(taskId, command.requestId);
    } else if (command.type === 'GrantExtension') command = { ...command, requestId: requests.get(taskId)! };
    const office = step.by === 'office' ? step.lead : 'UBND-SH';
    const actor: Actor = { ...IMPORTER, office };
    const occurredAt = new Date(step.on);
    const recordedAt = this.runner.now();
    const streamId = taskStreamId(taskId);
    const { state, version } = await this.runner.load(streamId, taskDecider);
    const events = taskDecider.decide(command, state, { actor, occurredAt, recordedAt, isWithin: () => true });
    if (events.length === 0) return null;
    const onBehalfOf = { office, role: step.by === 'office' ? 'officer' : 'leader' };
    const news = this.runner
      .toNew(streamId, events, { actor, occurredAt, recordedAt, correlationId })
      .map((e) => ({ ...e, metadata: { ...e.metadata, demo: true, onBehalfOf } }));
    return (await this.store.append(streamId, news, version)).position;
  }
}
