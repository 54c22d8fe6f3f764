// The domain's given/when/then for specs (not built: **/testing/** is out of tsconfig.build.json).
import { CommandContext, Decider, DomainError, DomainEvent, ErrorCategory, fold } from '../shared';

export interface Refusal {
  code: string;
  category: ErrorCategory;
  field?: string;
}

/**
 * given(events, command, ctx?): what the decider decides on the state the events fold to (with
 * `defaultCtx` when no context is given); stateOf(events): that state.
 */
export function deciderSpec<S, C, E extends DomainEvent>(decider: Decider<S, C, E>, defaultCtx?: CommandContext) {
  const stateOf = (events: readonly E[]): S => fold(decider.evolve, decider.initialState, events);
  const given = (events: readonly E[], command: C, ctx: CommandContext | undefined = defaultCtx): E[] => {
    if (!ctx) throw new Error('deciderSpec: give a CommandContext (or a default one)');
    return decider.decide(command, stateOf(events), ctx);
  };
  return { given, stateOf };
}

/** The DomainError `fn` throws, as `[code, category, field]`; null when it throws none (any other error is rethrown). */
export function errorOf(fn: () => unknown): [string, ErrorCategory, string | undefined] | null {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return [e.code, e.category, e.field];
    throw e;
  }
  return null;
}

/** The DomainError `fn` throws, as `{ code, category, field }`; a test failure when it throws none. */
export function refusalOf(fn: () => unknown): Refusal {
  const error = errorOf(fn);
  if (!error) throw new Error('expected a DomainError, but the command was decided');
  return { code: error[0], category: error[1], field: error[2] };
}
