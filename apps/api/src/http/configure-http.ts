import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { json } from 'express';
import { IMPORTS_PATH, importBodyParsers } from '../imports/import-body.parser';
import { buildOpenApiDocument } from './openapi-document';
import { ProblemDetailsFilter } from './problem-details.filter';
import { strictValidationPipe } from './validation.pipe';
import { serveWebApp } from './web-app';

/** Everything HTTP that is not a route: body limit, strict validation, problem+json, OpenAPI. */
export function configureHttp(app: INestApplication): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  express.use(IMPORTS_PATH, ...importBodyParsers()); // plan files: up to 20 MB, JSON, CSV or XLSX
  express.use(json({ limit: '1mb', type: ['application/json', 'application/*+json'] }));
  app.useGlobalPipes(strictValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  serveWebApp(express);
}
