import { CallHandler, ExecutionContext, Inject, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Actor, DomainError } from '@dondoc/domain/shared';
import { canonicalJson } from '@dondoc/event-store';
import { APP_CONFIG, AppConfig, PG_POOL } from '@dondoc/platform';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { Pool } from 'pg';
import { Observable, from, lastValueFrom } from 'rxjs';
import { ACTOR_KEY } from '../auth/current-actor.decorator';
import { ProblemDetailsFilter } from '../problem-details.filter';
import { ApiError } from '../api-error';

interface StoredResponse {
  body_hash: string;
  state: 'in_progress' | 'done';
  status: number | null;
  response: unknown;
  headers: Record<string, string>;
}

const REPLAYED_HEADERS = ['etag', 'location'];
/** A claim whose process died (or lost the database) is free again after this. */
const CLAIM_LEASE_SECONDS = 120;
/** A concurrent duplicate waits this long for the first request's answer, then gets 409. */
const DUPLICATE_WAIT_MS = 2000;
const DUPLICATE_POLL_MS = 50;
export const IN_PROGRESS_RETRY_AFTER_SECONDS = 1;
/** Answers that depend on who asks, not on the request: never replayed to a retry. */
// 412: the client reloads and retries with the same key and a new If-Match, which must run, not replay.
const NOT_STORED = new Set([401, 403, 412]);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Idempotency-Key on POST: the first request's answer is stored and every retry with the same key
 * and body gets it back; another body is 422. The first request claims the key with one
 * INSERT … ON CONFLICT (an 'in_progress' row) and fills the answer in afterwards: no pooled
 * connection is held across the handler (holding one, with an advisory lock, starved the pool and
 * froze the process). A concurrent duplicate waits briefly for that answer, then gets 409
 * IDEMPOTENT_REQUEST_IN_PROGRESS with Retry-After. Server errors, 401 and 403 free the key again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly problems = new ProblemDetailsFilter();
  private readonly logger = new Logger('Idempotency');

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request & Record<string, unknown>>();
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || typeof key !== 'string' || key === '') return next.handle();
    // A multipart upload (POST /v1/files) is read by its route, after this runs: its body is not
    // here to compare, and it needs no replay (the answer is the content's own id, stored once).
    if (request.is('multipart/form-data')) return next.handle();
    const actor = request[ACTOR_KEY] as Actor | undefined;
    const scope = `${actor?.userId ?? 'anonymous'}:${key}`;
    // The headers that change what the command does are part of "the same request" (a corrected
    // Occurred-At with the same key is another request: 422, not the first answer again).
    const headers = canonicalJson({ ifMatch: request.headers['if-match'] ?? null, occurredAt: request.headers['occurred-at'] ?? null });
    const bodyHash = createHash('sha256')
      .update(`${request.method} ${request.originalUrl}\n${headers}\n${canonicalJson(request.body ?? null)}`)
      .digest('hex');
    return from(this.run(scope, bodyHash, http.getResponse<Response>(), () => lastValueFrom(next.handle(), { defaultValue: undefined })));
  }

  private async run(scope: string, bodyHash: string, res: Response, handle: () => Promise<unknown>): Promise<unknown> {
    if (!(await this.claim(scope, bodyHash))) {
      const stored = await this.awaitAnswer(scope, bodyHash);
      if (stored) return this.replay(stored, res);
      // Freed meanwhile (the first request failed, or the record expired): this one runs it.
      if (!(await this.claim(scope, bodyHash))) throw this.inProgress(res);
    }
    let body: unknown;
    try {
      body = await handle();
    } catch (error) {
      const problem = this.problems.toProblem(error);
      if (problem.status < 500 && !NOT_STORED.has(problem.status)) await this.complete(scope, bodyHash, problem.status, problem, res);
      else await this.free(scope);
      throw error;
    }
    // The write is done: answer it even if the record cannot be stored (a retry then runs the
    // command again, and the event ids derived from the key make the store write nothing).
    await this.complete(scope, bodyHash, res.statusCode, body, res);
    return body;
  }

  /** True when this request now owns the key: no record, or only an expired one. */
  private async claim(scope: string, bodyHash: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO idempotency_records AS r (scope, body_hash, state, status, response, headers, expires_at, created_at)
       VALUES ($1, $2, 'in_progress', NULL, NULL, '{}', clock_timestamp() + make_interval(secs => $3), clock_timestamp())
       ON CONFLICT (scope) DO UPDATE
         SET body_hash = EXCLUDED.body_hash, state = 'in_progress', status = NULL, response = NULL, headers = '{}',
             expires_at = EXCLUDED.expires_at, created_at = EXCLUDED.created_at
         WHERE r.expires_at < clock_timestamp()`,
      [scope, bodyHash, CLAIM_LEASE_SECONDS],
    );
    return rowCount === 1;
  }

  /** The stored answer once there is one; undefined if the key was freed; 422 for another body. */
  private async awaitAnswer(scope: string, bodyHash: string): Promise<StoredResponse | undefined> {
    const until = Date.now() + DUPLICATE_WAIT_MS;
    for (;;) {
      const { rows } = await this.pool.query<StoredResponse>(
        'SELECT body_hash, state, status, response, headers FROM idempotency_records WHERE scope = $1 AND expires_at >= clock_timestamp()',
        [scope],
      );
      const stored = rows[0];
      if (!stored) return undefined;
      if (stored.body_hash !== bodyHash) {
        throw new ApiError('IDEMPOTENCY_KEY_REUSED', 'idempotency', 'this Idempotency-Key was used with another request body');
      }
      if (stored.state === 'done') return stored;
      if (Date.now() >= until) return stored;
      await sleep(DUPLICATE_POLL_MS);
    }
  }

  private inProgress(res: Response): DomainError {
    res.setHeader('Retry-After', String(IN_PROGRESS_RETRY_AFTER_SECONDS));
    return new DomainError(
      'IDEMPOTENT_REQUEST_IN_PROGRESS',
      'conflict',
      'a request with this Idempotency-Key is still being processed; retry shortly',
    );
  }

  private replay(stored: StoredResponse, res: Response): unknown {
    if (stored.state !== 'done' || stored.status === null) throw this.inProgress(res);
    for (const [name, value] of Object.entries(stored.headers)) res.setHeader(name, value);
    res.setHeader('Idempotent-Replayed', 'true');
    res.status(stored.status);
    if (stored.status >= 400) res.type('application/problem+json');
    return stored.response;
  }

  private async complete(scope: string, bodyHash: string, status: number, body: unknown, res: Response): Promise<void> {
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const v = res.getHeader(name);
      if (typeof v === 'string') headers[name] = v;
    }
    try {
      await this.pool.query(
        `UPDATE idempotency_records SET state = 'done', status = $3, response = $4, headers = $5,
                expires_at = clock_timestamp() + make_interval(hours => $6)
          WHERE scope = $1 AND body_hash = $2 AND state = 'in_progress'`,
        [scope, bodyHash, status, JSON.stringify(body ?? null), JSON.stringify(headers), this.config.idempotencyTtlHours],
      );
    } catch (e) {
      this.logger.warn(`could not store the answer for an Idempotency-Key: ${(e as Error).message}`);
      await this.free(scope);
    }
  }

  /**
   * Lets a retry run the request again. With the database away this is tried again each second
   * in the background (a retry meanwhile gets 409), and the claim's lease frees it at the latest.
   */
  private async free(scope: string, attempt = 1): Promise<void> {
    try {
      await this.pool.query(`DELETE FROM idempotency_records WHERE scope = $1 AND state = 'in_progress'`, [scope]);
    } catch {
      if (attempt < CLAIM_LEASE_SECONDS) setTimeout(() => void this.free(scope, attempt + 1), 1000).unref();
    }
  }
}
