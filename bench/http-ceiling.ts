/**
 * The ceiling for bench/http.ts: a bare server, Fastify and `pg`, no Nest, answering the bench's
 * two requests with the same SQL as the API, by calling the same code that builds it:
 *
 * - GET /v1/reports/overdue?office=…: the Bearer token verified (HS256, jsonwebtoken, as the
 *   API's TokenVerifier does), the paths of the reader's and the asked office (OfficeQuery.paths,
 *   ReadScope's scope rule), then ReportQuery.overdue, serialised by JSON.stringify.
 * - POST /v1/tasks/:id/progress: the token, the task's stream read and folded (PostgresEventStore
 *   .readStream), the office paths, taskDecider.decide, and PostgresEventStore.append (the
 *   es_append_batch call: version check, hash chain, group commit), then 201 with { id, version }.
 *
 * What it does not do, and the API does: the strong-consistency wait (the API answers a write
 * once its projector has applied it; here no projector runs, so the read models do not move),
 * request validation with class-validator, idempotency keys, the per-stream write queue, rate
 * limiting, security headers, compression, metrics and logging. The difference is the price of
 * those and of the framework.
 *
 * Started by bench/http.ts: DATABASE_URL, JWT_SECRET, PORT (0: any); prints "listening on <url>".
 */
import Fastify from 'fastify';
import jwt, { JwtPayload } from 'jsonwebtoken';
import { createSecretKey, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { Actor, DomainError, Role, fold } from '@dondoc/domain/shared';
import { TaskEvent, taskDecider, taskStreamId } from '@dondoc/domain/task';
import { ConcurrencyError, PostgresEventStore, eventMetadata } from '@dondoc/event-store';
import { OfficeQuery } from '@dondoc/read-models/offices/office.query';
import { ReadSide } from '@dondoc/read-models/projection/read-side';
import { ReportQuery } from '@dondoc/read-models/reports/report.query';
import type { DataSource, Repository } from 'typeorm';
import { OfficeEntity } from '@dondoc/read-models/offices/office.entity';

const url = process.env.DATABASE_URL!;
const key = createSecretKey(Buffer.from(process.env.JWT_SECRET!, 'utf8'));
// Two pools as the API has (log, read models), smaller: with ours connected too, the API's 30 + 20
// would reach a default max_connections of 100.
const pool = new Pool({ connectionString: url, max: 16 });
const readPool = new Pool({ connectionString: url, max: 16 });
pool.on('error', () => undefined);
readPool.on('error', () => undefined);

// The query services take a TypeORM DataSource or Repository, of which they use `query`: pg's, here.
const rows = { query: (sql: string, params?: unknown[]) => readPool.query(sql, params).then((r) => r.rows) };
const offices = new OfficeQuery(rows as unknown as Repository<OfficeEntity>);
const reports = new ReportQuery(ReadSide.primaryOnly(rows as unknown as DataSource));
const store = new PostgresEventStore(pool);

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function actorOf(authorization: string | undefined): Actor {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) throw new HttpError(401, 'a Bearer token is required');
  try {
    const p = jwt.verify(token, key, { algorithms: ['HS256'], clockTolerance: 60 }) as JwtPayload;
    return { userId: String(p.sub), role: p.role as Role, office: String(p.office) };
  } catch {
    throw new HttpError(401, 'the token signature is not valid');
  }
}

const app = Fastify({ logger: false });

app.setErrorHandler((e: Error, _req, reply) => {
  const status = e instanceof HttpError ? e.status : e instanceof DomainError ? 422 : e instanceof ConcurrencyError ? 409 : 500;
  if (status >= 500) console.error(`ceiling: ${status} ${e.stack ?? e.message}`);
  void reply.status(status).type('application/problem+json').send({ status, detail: e.message });
});

app.get('/v1/reports/overdue', async (req) => {
  const actor = actorOf(req.headers.authorization);
  const office = (req.query as { office?: string }).office;
  if (!office) throw new HttpError(400, 'office is required here');
  const paths = await offices.paths([actor.office, office]);
  const mine = paths.get(actor.office);
  const theirs = paths.get(office);
  if (!mine || !theirs || !theirs.startsWith(mine)) throw new HttpError(404, `no office ${office}`);
  return reports.overdue({ leadPath: theirs, lead: actor.role === 'officer' ? actor.office : null, planId: null }, new Date());
});

app.post('/v1/tasks/:id/progress', async (req, reply) => {
  const actor = actorOf(req.headers.authorization);
  const id = (req.params as { id: string }).id;
  const body = req.body as { note: string; percent: number };
  const streamId = taskStreamId(id);
  // Two requests on one task race for its next version: the loser decides again, as the API's runner does.
  for (let attempt = 1; ; attempt++) {
    try {
      const events = await store.readStream(streamId);
      if (events.length === 0) throw new HttpError(404, `${streamId} does not exist`);
      const state = fold(
        taskDecider.evolve,
        taskDecider.initialState,
        events.map((e) => ({ type: e.type, data: e.data }) as TaskEvent),
      );
      const paths = await offices.paths([actor.office, state?.lead].filter((c): c is string => !!c));
      const now = new Date();
      const decided = taskDecider.decide({ type: 'ReportProgress', note: body.note, percent: body.percent }, state, {
        actor,
        occurredAt: now,
        recordedAt: now,
        isWithin: (o, a) => !!paths.get(o) && !!paths.get(a) && paths.get(o)!.startsWith(paths.get(a)!),
      });
      const correlationId = randomUUID();
      const result = await store.append(
        streamId,
        decided.map((e) => ({
          eventId: randomUUID(),
          type: e.type,
          data: e.data,
          occurredAt: now,
          metadata: eventMetadata({ actor, correlationId }),
        })),
        events[events.length - 1].version,
      );
      void reply.status(201).header('etag', `"${result.version}"`);
      return { id, version: result.version };
    } catch (e) {
      if (!(e instanceof ConcurrencyError) || attempt >= 10) throw e;
    }
  }
});

app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' }).then(
  (address) => console.log(`ceiling listening on ${address}`),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);

process.once('SIGTERM', () => {
  void app
    .close()
    .then(() => store.close())
    .then(() => readPool.end())
    .finally(() => process.exit(0));
});
