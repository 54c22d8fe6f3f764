/**
 * A domain event is data: a stored `type` string (never a class name) and plain values.
 * Metadata (actor, ids, times, hashes) is added by the application when the event is stored.
 */
export interface DomainEvent<T extends string = string, D = unknown> {
  type: T;
  data: D;
}

/** A decider: commands are decided against state, events evolve state. History rebuilds it. */
export interface Decider<S, C, E extends DomainEvent> {
  initialState: S;
  decide(command: C, state: S, ctx: import('./actor').CommandContext): E[];
  evolve(state: S, event: E): S;
}

export const fold = <S, E extends DomainEvent>(evolve: (s: S, e: E) => S, initial: S, events: readonly E[]): S =>
  events.reduce(evolve, initial);

export function assertNever(x: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(x)}`);
}
