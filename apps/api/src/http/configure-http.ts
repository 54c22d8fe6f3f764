import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig, readContext } from '@dondoc/platform';
import type { Actor } from '@dondoc/domain/shared';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { timingSafeEqual } from 'node:crypto';
import { ACTOR_KEY } from './auth/current-actor.decorator';
import { EdgeError } from './edge.error';
import { buildOpenApiDocument } from './openapi-document';
import { jsonCompression } from './json-compression';
import { ProblemDetailsFilter } from './problem-details.filter';
import { strictValidationPipe } from './validation.pipe';
import { serveWebApp } from './web-app';

/**
 * Everything HTTP that is not a route: security headers, strict validation, problem+json, OpenAPI.
 * No body parser here: bodies are read by the auth guard, after the token (body/body-reader.ts).
 */
export function configureHttp(app: INestApplication): void {
  const express = app as NestExpressApplication;
  const config = app.get<AppConfig>(APP_CONFIG);
  const filter = new ProblemDetailsFilter();
  express.disable('x-powered-by');
  express.set('trust proxy', config.trustProxy);
  express.use(
    helmet({
      // Swagger UI at /docs loads its own scripts and styles (and inline styles, data: images).
      // No upgrade-insecure-requests: a deployment on plain HTTP inside a network still shows /docs.
      // blob: for images and frames only: the web app previews evidence files (PDF, PNG, JPEG) it fetched with the reader's credentials.
      contentSecurityPolicy: {
        directives: { 'upgrade-insecure-requests': null, 'img-src': ["'self'", 'data:', 'blob:'], 'frame-src': ['blob:'] },
      },
    }),
  );
  // The API's JSON gzipped (not its downloads nor its streams: json-compression.ts, with the BREACH reasoning).
  express.use('/v1', jsonCompression());
  // Answers under /v1 are per-user and change with every write: never kept by a cache or proxy.
  express.use('/v1', ((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  }) as RequestHandler);
  // The read side's view of the request (libs/read-models/src/projection/read-side.ts): a replica
  // may answer GETs; the subject is read once the auth guard has set it.
  express.use('/v1', ((req, _res, next) => {
    const request = req as typeof req & Record<string, unknown>;
    readContext.run(
      {
        replicaAllowed: req.method === 'GET' || req.method === 'HEAD',
        subject: () => (request[ACTOR_KEY] as Actor | undefined)?.userId ?? null,
      },
      next,
    );
  }) as RequestHandler);
  express.use('/metrics', metricsAccess(config, filter));
  app.useGlobalPipes(strictValidationPipe());
  app.useGlobalFilters(filter);
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  serveWebApp(express);
}

/**
 * /metrics on the main port: absent when METRICS_PORT serves it, and otherwise only with
 * `Authorization: Bearer <METRICS_TOKEN>` (absent when no token is set).
 */
function metricsAccess(config: AppConfig, filter: ProblemDetailsFilter): RequestHandler {
  const expected = config.metricsToken ? Buffer.from(`Bearer ${config.metricsToken}`) : null;
  return (req, res, next) => {
    let error: EdgeError | null = null;
    if (config.metricsPort !== undefined || !expected) {
      error = new EdgeError(404, 'ROUTE_NOT_FOUND', 'metrics are served on METRICS_PORT, or here with METRICS_TOKEN set');
    } else {
      const given = Buffer.from(req.headers.authorization ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        error = new EdgeError(401, 'UNAUTHENTICATED', 'the metrics token is required (Authorization: Bearer <METRICS_TOKEN>)');
    }
    if (!error) return next();
    res
      .status(error.status)
      .type('application/problem+json')
      .send(JSON.stringify(filter.toProblem(error)));
  };
}
