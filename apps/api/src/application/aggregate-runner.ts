import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, CommandContext, Decider, DomainError, DomainEvent, fold, notFound } from '@dondoc/domain/shared';
import { ConcurrencyError, EVENT_STORE, EventStore, NewEvent, eventMetadata } from '@dondoc/event-store';
import { OfficeQuery } from '@dondoc/read-models/offices/office.query';
import { createHash, randomUUID } from 'node:crypto';
import { KeyedQueue } from './keyed-queue';
import { Metrics } from './metrics';
import { RequestContext } from './request-context';
import { ApiError } from '../http/api-error';

export interface RunRequest<S, C, E extends DomainEvent> {
  streamId: string;
  decider: Decider<S, C, E>;
  command: C;
  ctx: RequestContext;
  /** 404 with this code when the stream has no events yet. */
  notFoundCode?: string;
  /** 'noStream' for creations: a second creation of the same id is a conflict. */
  expectNew?: boolean;
  /** Office codes the decision may ask isWithin about, besides the actor's own. */
  offices?: (state: S) => (string | null | undefined)[];
}

export interface RunResult<S, E> {
  streamId: string;
  version: number;
  events: E[];
  state: S;
  /** Log position of the last event written (or found written); null when nothing was appended. */
  position: string | null;
  duplicate: boolean;
}

/** Event ids from an Idempotency-Key: a retry produces the same ids, so the store writes nothing. */
export function eventIdFor(key: string, streamId: string, index: number): string {
  const h = createHash('sha256').update(`${key}\u0000${streamId}\u0000${index}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * A new id for what a request creates (an event, a task, a plan): derived from the caller's
 * Idempotency-Key when it sent one, so that a retry creates the same ids and writes nothing new.
 */
export function idFromRequest(ctx: Pick<RequestContext, 'actor' | 'idempotencyKey'>, purpose: string, index = 0): string {
  return ctx.idempotencyKey ? eventIdFor(`${ctx.actor.userId}:${ctx.idempotencyKey}`, purpose, index) : randomUUID();
}

/**
 * A write without If-Match that loses a race (to another process: this one queues its own) is
 * decided again on fresh state. Each round has a winner, so a random, growing pause spreads the
 * losers out: with one writer per process at a time, every one lands well before the last attempt.
 */
const MAX_ATTEMPTS = 10;
const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 5 * 2 ** attempt)));

/**
 * Load → decide → append, the one way every aggregate changes. With If-Match the append expects
 * exactly that version (412 otherwise); without it a lost race is decided again on fresh state.
 */
@Injectable()
export class AggregateRunner {
  private readonly writes = new KeyedQueue();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly offices: OfficeQuery,
    private readonly metrics: Metrics,
  ) {}

  async load<S, E extends DomainEvent>(
    streamId: string,
    decider: Decider<S, unknown, E>,
    knownAt?: Date,
  ): Promise<{ state: S; version: number }> {
    const events = await this.store.readStream(streamId, { knownAt });
    const state = fold(
      decider.evolve,
      decider.initialState,
      events.map((e) => ({ type: e.type, data: e.data }) as E),
    );
    return { state, version: events.length ? events[events.length - 1].version : 0 };
  }

  /**
   * Decides on the current state and writes nothing: throws what `run` would refuse with. For a
   * handler that must write a side stream first (a code claim) only when the main decision passes.
   */
  async preflight<S, C, E extends DomainEvent>(req: RunRequest<S, C, E>): Promise<void> {
    const { state } = await this.load(req.streamId, req.decider);
    const paths = await this.offices.paths([req.ctx.actor.office, ...(req.offices?.(state) ?? [])].filter((c): c is string => !!c));
    req.decider.decide(req.command, state, this.context(req.ctx, paths));
  }

  /**
   * Writes to one stream go one at a time in this process: concurrent writers without If-Match
   * would otherwise all race for the same version, and all but one lose each round (100 at once
   * ran out of attempts). Between processes the retry below still settles the race.
   */
  async run<S, C, E extends DomainEvent>(req: RunRequest<S, C, E>): Promise<RunResult<S, E>> {
    return this.writes.run(req.streamId, () => this.decideAndAppend(req));
  }

  private async decideAndAppend<S, C, E extends DomainEvent>(req: RunRequest<S, C, E>): Promise<RunResult<S, E>> {
    for (let attempt = 1; ; attempt++) {
      const { state, version } = await this.load(req.streamId, req.decider);
      if (req.notFoundCode && version === 0) throw notFound(req.notFoundCode, `${req.streamId} does not exist`);
      if (req.ctx.ifMatch !== undefined && req.ctx.ifMatch !== version) throw this.preconditionFailed(version);
      const paths = await this.offices.paths([req.ctx.actor.office, ...(req.offices?.(state) ?? [])].filter((c): c is string => !!c));
      const events = req.decider.decide(req.command, state, this.context(req.ctx, paths));
      if (events.length === 0) {
        return { streamId: req.streamId, version, events, state, position: null, duplicate: false };
      }
      const expected = req.expectNew ? 'noStream' : version === 0 ? 'noStream' : version;
      try {
        const result = await this.store.append(req.streamId, this.toNew(req.streamId, events, req.ctx), expected);
        if (!result.duplicate) this.metrics.appendedEvents.inc(events.length);
        return {
          streamId: req.streamId,
          version: result.version,
          events,
          state: events.reduce(req.decider.evolve, state),
          position: result.position,
          duplicate: result.duplicate,
        };
      } catch (e) {
        if (!(e instanceof ConcurrencyError)) throw e;
        if (req.ctx.ifMatch !== undefined) throw this.preconditionFailed(e.actual);
        if (req.expectNew) throw new DomainError('ALREADY_EXISTS', 'conflict', `${req.streamId} already exists`);
        if (attempt >= MAX_ATTEMPTS) throw e;
        await backoff(attempt);
      }
    }
  }

  /**
   * Creates several aggregates in one transaction (all or nothing): one task per lead office,
   * an import. Each is decided on empty state and appended with `noStream`.
   */
  async createMany<S, C, E extends DomainEvent>(
    decider: Decider<S, C, E>,
    items: { streamId: string; command: C }[],
    ctx: RequestContext,
    offices: string[],
  ): Promise<RunResult<S, E>[]> {
    const paths = await this.offices.paths([ctx.actor.office, ...offices]);
    const context = this.context(ctx, paths);
    const decided = items.map((item) => ({ ...item, events: decider.decide(item.command, decider.initialState, context) }));
    try {
      const results = await this.store.appendMany(
        decided.map((d) => ({ streamId: d.streamId, events: this.toNew(d.streamId, d.events, ctx), expected: 'noStream' as const })),
      );
      this.metrics.appendedEvents.inc(results.reduce((n, r, i) => n + (r.duplicate ? 0 : decided[i].events.length), 0));
      return decided.map((d, i) => ({
        streamId: d.streamId,
        version: results[i].version,
        events: d.events,
        state: d.events.reduce(decider.evolve, decider.initialState),
        position: results[i].position,
        duplicate: results[i].duplicate,
      }));
    } catch (e) {
      if (e instanceof ConcurrencyError) throw new DomainError('ALREADY_EXISTS', 'conflict', `${e.streamId} already exists`);
      throw e;
    }
  }

  /**
   * One decision on an existing stream (`head`, If-Match applies to it) written together with new
   * aggregates created by it (`created`, decided beforehand on empty state), all or nothing: a
   * finding's RemediationRaised and the TaskAssigned of the tasks it raises. A lost race on the
   * head is decided again on fresh state, as `run` does.
   */
  async runWithCreated<S, C, E extends DomainEvent, S2, C2, E2 extends DomainEvent>(
    head: RunRequest<S, C, E>,
    created: { decider: Decider<S2, C2, E2>; items: { streamId: string; command: C2 }[]; offices: string[] },
  ): Promise<{ head: RunResult<S, E>; created: RunResult<S2, E2>[] }> {
    return this.writes.run(head.streamId, async () => {
      for (let attempt = 1; ; attempt++) {
        const { state, version } = await this.load(head.streamId, head.decider);
        if (head.notFoundCode && version === 0) throw notFound(head.notFoundCode, `${head.streamId} does not exist`);
        if (head.ctx.ifMatch !== undefined && head.ctx.ifMatch !== version) throw this.preconditionFailed(version);
        const named = [head.ctx.actor.office, ...(head.offices?.(state) ?? []), ...created.offices].filter((c): c is string => !!c);
        const context = this.context(head.ctx, await this.offices.paths(named));
        const events = head.decider.decide(head.command, state, context);
        const items = created.items.map((i) => ({
          streamId: i.streamId,
          events: created.decider.decide(i.command, created.decider.initialState, context),
        }));
        try {
          const results = await this.store.appendMany([
            {
              streamId: head.streamId,
              events: this.toNew(head.streamId, events, head.ctx),
              expected: version === 0 ? 'noStream' : version,
            },
            ...items.map((i) => ({
              streamId: i.streamId,
              events: this.toNew(i.streamId, i.events, head.ctx),
              expected: 'noStream' as const,
            })),
          ]);
          this.metrics.appendedEvents.inc(
            results.reduce((n, r, i) => n + (r.duplicate ? 0 : i === 0 ? events.length : items[i - 1].events.length), 0),
          );
          const [first, ...rest] = results;
          return {
            head: {
              streamId: head.streamId,
              version: first.version,
              events,
              state: events.reduce(head.decider.evolve, state),
              position: first.position,
              duplicate: first.duplicate,
            },
            created: items.map((item, i) => ({
              streamId: item.streamId,
              version: rest[i].version,
              events: item.events,
              state: item.events.reduce(created.decider.evolve, created.decider.initialState),
              position: rest[i].position,
              duplicate: rest[i].duplicate,
            })),
          };
        } catch (e) {
          if (!(e instanceof ConcurrencyError)) throw e;
          if (e.streamId !== head.streamId) throw new DomainError('ALREADY_EXISTS', 'conflict', `${e.streamId} already exists`);
          if (head.ctx.ifMatch !== undefined) throw this.preconditionFailed(e.actual);
          if (attempt >= MAX_ATTEMPTS) throw e;
          await backoff(attempt);
        }
      }
    });
  }

  /** The decision context for `offices` (besides the actor's): for a check before any write (an import's preview). */
  async contextFor(ctx: RequestContext, offices: string[]): Promise<CommandContext> {
    return this.context(ctx, await this.offices.paths([ctx.actor.office, ...offices]));
  }

  private context(ctx: RequestContext, paths: Map<string, string>): CommandContext {
    return {
      actor: ctx.actor,
      occurredAt: ctx.occurredAt,
      recordedAt: ctx.recordedAt,
      isWithin: (office, ancestor) => {
        const p = paths.get(office);
        const a = paths.get(ancestor);
        return !!p && !!a && p.startsWith(a);
      },
    };
  }

  toNew(streamId: string, events: DomainEvent[], ctx: RequestContext): NewEvent[] {
    return events.map((e, i) => ({
      eventId: idFromRequest(ctx, streamId, i),
      type: e.type,
      data: e.data,
      occurredAt: ctx.occurredAt,
      metadata: eventMetadata({
        actor: ctx.actor,
        correlationId: ctx.correlationId,
        idempotencyKey: ctx.idempotencyKey,
        backfilled: ctx.occurredAt.getTime() !== ctx.recordedAt.getTime(),
      }),
    }));
  }

  now(): Date {
    return this.clock.now();
  }

  private preconditionFailed(actual: number): ApiError {
    return new ApiError('VERSION_MISMATCH', 'precondition', `the record is at version ${actual}; reload and retry`);
  }
}
