import type { RecordedEvent } from '@dondoc/event-store';
import type { EntityManager } from 'typeorm';

/**
 * A read model's projector: applies a batch of events inside the transaction that also moves the
 * checkpoint, so each event is applied exactly once even across crashes.
 */
export interface Projection {
  readonly name: string;
  apply(events: RecordedEvent[], tx: EntityManager): Promise<void>;
}

export const PROJECTIONS = Symbol('Projections');
