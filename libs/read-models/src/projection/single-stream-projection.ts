import type { DomainEvent } from '@dondoc/domain/shared';
import type { RecordedEvent } from '@dondoc/event-store';
import { EntityManager, EntityTarget, FindOptionsWhere, In, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { foldStreams } from './fold-streams';
import { Projection } from './projection';

/** What a read model of one aggregate per row declares; `singleStreamProjection` does the rest. */
export interface SingleStreamSpec<S, R extends ObjectLiteral> {
  name: string;
  tables: readonly string[];
  dependsOn?: readonly string[];
  /** The streams' prefix (`plan-`): the rest of the stream id is the row's key. */
  prefix: string;
  types: readonly string[];
  initial: S;
  evolve: (state: S, event: DomainEvent) => S;
  entity: EntityTarget<R>;
  /** The key column's property (its values are the stream ids without the prefix). */
  key: keyof R & string;
  /** The state a stored row holds. */
  stateOf: (row: R) => S;
  /** The row of a state (null: no row), given the row as stored before. */
  toRow: (state: S, version: number, ctx: { before: R | undefined; tx: EntityManager }) => R | null | Promise<R | null>;
  /**
   * Write after each event rather than once per batch: for rows computed from other rows of the
   * same table (an office's path from its parent's).
   */
  eachEvent?: boolean;
  /** After a row is written (the office's subtree follows a move). */
  written?: (before: R | undefined, after: R, tx: EntityManager) => Promise<void>;
}

/**
 * A projection whose rows are the folded states of one kind of stream: load the touched rows,
 * evolve them with the domain's own evolve, write them back with one upsert. A read model extends
 * it with its spec (`constructor() { super({...}) }`).
 */
export abstract class SingleStreamProjection<S, R extends ObjectLiteral> implements Projection {
  readonly name: string;
  readonly tables: readonly string[];
  readonly dependsOn?: readonly string[];
  private readonly types: ReadonlySet<string>;

  protected constructor(private readonly spec: SingleStreamSpec<S, R>) {
    this.name = spec.name;
    this.tables = spec.tables;
    this.dependsOn = spec.dependsOn;
    this.types = new Set<string>(spec.types);
  }

  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    if (!this.spec.eachEvent) return this.fold(events, tx);
    for (const e of events) await this.fold([e], tx);
  }

  private async fold(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    const { spec } = this;
    const repo = tx.getRepository(spec.entity);
    const stored = new Map<string, R>();
    const folded = await foldStreams<S>(events, {
      prefix: spec.prefix,
      types: this.types,
      initial: spec.initial,
      evolve: spec.evolve,
      load: async (ids) => {
        const rows = await repo.findBy({ [spec.key]: In(ids) } as FindOptionsWhere<R>);
        for (const r of rows) stored.set(String(r[spec.key]), r);
        return new Map(rows.map((r) => [String(r[spec.key]), { state: spec.stateOf(r), version: r.version as number }]));
      },
    });
    const rows: { before: R | undefined; after: R }[] = [];
    for (const [id, { state, version }] of folded) {
      const before = stored.get(id);
      const after = await spec.toRow(state, version, { before, tx });
      if (after) rows.push({ before, after });
    }
    if (rows.length === 0) return;
    await repo.upsert(
      rows.map((r) => r.after as QueryDeepPartialEntity<R>),
      [spec.key],
    );
    if (spec.written) for (const r of rows) await spec.written(r.before, r.after, tx);
  }
}
