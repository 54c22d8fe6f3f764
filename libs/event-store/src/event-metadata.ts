import type { ActorMetadata, EventMetadata } from './event-store.port';

/**
 * The metadata every event carries, built in one place for every writer (commands, digests):
 * who acted, the request that caused it, the Idempotency-Key it came with, and whether an
 * admin back-filled it (occurredAt ≠ recordedAt).
 */
export function eventMetadata(m: {
  actor: ActorMetadata;
  correlationId: string;
  idempotencyKey?: string;
  backfilled?: boolean;
}): EventMetadata {
  const { userId, role, office, name } = m.actor;
  return {
    actor: { userId, role, office, ...(name ? { name } : {}) },
    correlationId: m.correlationId,
    causationId: m.correlationId,
    ...(m.idempotencyKey ? { idempotencyKey: m.idempotencyKey } : {}),
    ...(m.backfilled ? { backfilled: true } : {}),
  };
}
