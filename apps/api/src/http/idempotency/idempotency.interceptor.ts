import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Actor, DomainError } from '@dondoc/domain/shared';
import { canonicalJson } from '@dondoc/event-store';
import { PG_POOL } from '@dondoc/platform';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { Pool, PoolClient } from 'pg';
import { Observable, from, lastValueFrom } from 'rxjs';
import { ACTOR_KEY } from '../auth/current-actor.decorator';
import { ProblemDetailsFilter } from '../problem-details.filter';

interface StoredResponse {
  body_hash: string;
  status: number;
  response: unknown;
  headers: Record<string, string>;
}

const REPLAYED_HEADERS = ['etag', 'location'];

/**
 * Idempotency-Key on POST: the first request's answer is stored in the database and every retry
 * with the same key and body gets it back; another body is 422. Concurrent retries queue on an
 * advisory lock on the key, so exactly one of them runs the command.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly problems = new ProblemDetailsFilter();

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request & Record<string, unknown>>();
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || typeof key !== 'string' || key === '') return next.handle();
    const actor = request[ACTOR_KEY] as Actor | undefined;
    const scope = `${actor?.userId ?? 'anonymous'}:${key}`;
    const bodyHash = createHash('sha256').update(`${request.method} ${request.path}\n${canonicalJson(request.body ?? null)}`).digest('hex');
    return from(this.run(scope, bodyHash, http.getResponse<Response>(), () => lastValueFrom(next.handle(), { defaultValue: undefined })));
  }

  private async run(scope: string, bodyHash: string, res: Response, handle: () => Promise<unknown>): Promise<unknown> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [scope]);
      const stored = await this.find(client, scope);
      if (stored) return this.replay(stored, bodyHash, res);
      try {
        const body = await handle();
        await this.save(client, scope, bodyHash, res.statusCode, body, res);
        return body;
      } catch (error) {
        const problem = this.problems.toProblem(error);
        if (problem.status < 500) await this.save(client, scope, bodyHash, problem.status, problem, res);
        throw error;
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [scope]).catch(() => undefined);
      client.release();
    }
  }

  private async find(client: PoolClient, scope: string): Promise<StoredResponse | undefined> {
    const { rows } = await client.query<StoredResponse>('SELECT body_hash, status, response, headers FROM idempotency_records WHERE scope = $1', [scope]);
    return rows[0];
  }

  private replay(stored: StoredResponse, bodyHash: string, res: Response): unknown {
    if (stored.body_hash !== bodyHash) {
      throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'idempotency', 'this Idempotency-Key was used with another request body');
    }
    for (const [name, value] of Object.entries(stored.headers)) res.setHeader(name, value);
    res.setHeader('Idempotent-Replayed', 'true');
    if (stored.status >= 400) {
      res.status(stored.status).type('application/problem+json');
      return stored.response;
    }
    res.status(stored.status);
    return stored.response;
  }

  private async save(client: PoolClient, scope: string, bodyHash: string, status: number, body: unknown, res: Response): Promise<void> {
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const v = res.getHeader(name);
      if (typeof v === 'string') headers[name] = v;
    }
    await client.query(
      'INSERT INTO idempotency_records (scope, body_hash, status, response, headers) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (scope) DO NOTHING',
      [scope, bodyHash, status, JSON.stringify(body ?? null), JSON.stringify(headers)],
    );
  }
}
