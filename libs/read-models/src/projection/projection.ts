import type { RecordedEvent } from '@dondoc/event-store';
import type { EntityManager } from 'typeorm';

/**
 * A read model's projector, by name: it has its own checkpoint row (rm_checkpoints) and applies a
 * batch of events inside the transaction that also moves that row, so each event is applied
 * exactly once even across crashes. To add one: a class implementing this, listed in
 * READ_MODEL_PROJECTORS (read-models.ts) with its entities in READ_MODEL_ENTITIES.
 */
export interface Projection {
  /** Its checkpoint row and the name `projections:rebuild -- NAME` takes. */
  readonly name: string;
  /** The tables it writes (and no other projection writes): what a rebuild of it alone recreates. */
  readonly tables: readonly string[];
  /** Projections whose tables it reads: applied before it in each batch, never behind it. */
  readonly dependsOn?: readonly string[];
  apply(events: RecordedEvent[], tx: EntityManager): Promise<void>;
}

export const PROJECTIONS = Symbol('Projections');

/** The runner's own row: its lease, and the lowest checkpoint of all (where every read model stands). */
export const MAIN_PROJECTOR = 'main';

/** Dependencies first, otherwise in the order given; an unknown or circular dependency is a mistake. */
export function inDependencyOrder<P extends Projection>(projections: readonly P[]): P[] {
  const byName = new Map(projections.map((p) => [p.name, p]));
  const ordered: P[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (p: P) => {
    if (state.get(p.name) === 'done') return;
    if (state.get(p.name) === 'visiting') throw new Error(`projection ${p.name}: circular dependsOn`);
    state.set(p.name, 'visiting');
    for (const d of p.dependsOn ?? []) {
      const dep = byName.get(d);
      if (!dep) throw new Error(`projection ${p.name} depends on ${d}, which is not registered`);
      visit(dep);
    }
    state.set(p.name, 'done');
    ordered.push(p);
  };
  projections.forEach(visit);
  return ordered;
}
