import { NestFactory } from '@nestjs/core';
import { writeFileSync } from 'node:fs';
import { loadConfig } from '@dondoc/platform';
import { AppModule } from '../apps/api/src/app.module';
import { buildOpenApiDocument } from '../apps/api/src/http/openapi-document';

/**
 * Prints the API's OpenAPI document (or writes it to the file named) without a database: Nest's
 * preview mode reads the routes and DTOs and instantiates no provider.
 *   node -r @swc-node/register scripts/openapi.ts [out.json]
 */
async function main(): Promise<void> {
  const config = loadConfig({ DATABASE_URL: 'postgres://preview@127.0.0.1:1/preview', JWT_SECRET: 'preview-'.padEnd(40, 'x') });
  const app = await NestFactory.create(AppModule.register(config, config.databaseUrl!), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  const json = `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
  await app.close();
  if (process.argv[2]) writeFileSync(process.argv[2], json);
  else process.stdout.write(json);
}

void main();
