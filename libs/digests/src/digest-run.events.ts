import { DigestIssued } from '@dondoc/domain/digest';
import { Clock, DomainEvent } from '@dondoc/domain/shared';
import { ActorMetadata, NewEvent, eventMetadata } from '@dondoc/event-store';
import { randomUUID } from 'node:crypto';

/** Who a run acts for and the correlation its events share. */
export type RunMeta = { actor: ActorMetadata; correlationId: string };
export type IssuedData = DigestIssued['data'];
/** A digest to mail: `fresh` when this run issued it (its content is at hand). */
export type PendingDigest = { id: string; fresh?: IssuedData };

export function toNewEvents(events: DomainEvent[], meta: RunMeta, clock: Clock): NewEvent[] {
  const occurredAt = clock.now();
  return events.map((e) => ({
    eventId: randomUUID(),
    type: e.type,
    data: e.data,
    occurredAt,
    metadata: eventMetadata(meta),
  }));
}
