import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Actor, DomainError, invalid } from '@dondoc/domain/shared';
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { ACTOR_KEY } from '../http/auth/current-actor.decorator';
import { textProblem } from '../http/body/input-hygiene';

/** What a write knows about its request, besides the body. */
export interface RequestContext {
  actor: Actor;
  /** Business time: now, or the admin's Occurred-At back-fill. */
  occurredAt: Date;
  recordedAt: Date;
  correlationId: string;
  idempotencyKey?: string;
  /** From If-Match: the stream version the client last saw. */
  ifMatch?: number;
}

export const CLOCK_KEY = 'dondocNow';

export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header === '') return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!m) throw invalid('INVALID_IF_MATCH', 'If-Match must be a stream version such as "3"', 'If-Match');
  return Number(m[1]);
}

export function buildRequestContext(request: Request & Record<string, unknown>, now: Date): RequestContext {
  const actor = request[ACTOR_KEY] as Actor;
  const header = (name: string) => {
    const v = request.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  let occurredAt = now;
  const backfill = header('occurred-at');
  if (backfill !== undefined) {
    if (actor.role !== 'admin') throw new DomainError('BACKFILL_NOT_ALLOWED', 'forbidden', 'only an admin may send Occurred-At');
    const t = /^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:\d{2})$/.test(backfill) ? Date.parse(backfill) : NaN;
    if (Number.isNaN(t)) throw invalid('INVALID_OCCURRED_AT', 'Occurred-At must be an ISO instant with an offset', 'Occurred-At');
    // Date.parse turns 2024-02-30 into 1 March and takes year 0001: neither is a business date.
    const problem = textProblem(backfill);
    if (problem) throw invalid('INVALID_OCCURRED_AT', `Occurred-At ${problem}`, 'Occurred-At');
    if (t > now.getTime()) throw invalid('OCCURRED_AT_IN_FUTURE', 'Occurred-At cannot be in the future', 'Occurred-At');
    occurredAt = new Date(t);
  }
  const key = header('idempotency-key');
  if (key !== undefined && (key.length === 0 || key.length > 200)) {
    throw invalid('INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1 to 200 characters', 'Idempotency-Key');
  }
  const correlation = header('x-correlation-id');
  return {
    actor,
    occurredAt,
    recordedAt: now,
    correlationId: correlation && correlation.length <= 100 ? correlation : randomUUID(),
    idempotencyKey: key,
    ifMatch: parseIfMatch(header('if-match')),
  };
}

/** `@Ctx() ctx: RequestContext` in a controller; the clock is read by the interceptor that set CLOCK_KEY. */
export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext): RequestContext => {
  const request = context.switchToHttp().getRequest<Request & Record<string, unknown>>();
  return buildRequestContext(request, (request[CLOCK_KEY] as Date | undefined) ?? new Date());
});
