import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { NewEvent } from '../event-store.port';

export function testPool(max = 20): Pool {
  return new Pool({ connectionString: process.env.DONDOC_TEST_DATABASE_URL, max });
}

export const testActor = { userId: 'u-test', role: 'admin', office: 'ROOT' };

export function newEvent(type = 'Something', data: unknown = { n: 1 }, occurredAt = new Date()): NewEvent {
  return { eventId: randomUUID(), type, data, metadata: { actor: testActor, correlationId: randomUUID() }, occurredAt };
}

/** A fresh stream id per test: tests share one database and never truncate it. */
export const freshStream = (prefix = 'test') => `${prefix}-${randomUUID()}`;
