import { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import compression from 'compression';
import { NextFunction, Request, Response, static as serveStatic } from 'express';

/** Routes that belong to the API: never answered with the web app's page. */
// Case-insensitive as Express routes are: /V1/tasks is the API's, not the page.
const API_PREFIX = /^\/(v1|health|metrics|docs|docs-json)(\/|$)/i;

/** The repository root (the nearest folder with a package.json), from the sources or from dist/. */
function projectRoot(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return from;
  }
}

export const webAppDir = (): string => process.env.WEB_DIR ?? join(projectRoot(), 'dist', 'web');

/**
 * The web app (apps/web, built by Vite into dist/web) at `/`: its files, and index.html for any
 * other GET outside the API so that /tasks/:id opens the task's page (the links in digests).
 */
export function serveWebApp(app: NestExpressApplication, dir = webAppDir()): void {
  const index = join(dir, 'index.html');
  // Gzipped (the scripts shrink to a third: the first page's budget is counted compressed); only the
  // app's own files, so that the API's streamed exports are left as they are.
  const gzip = compression();
  // Hashed file names: a year in caches; index.html is asked for again each time.
  app.use('/assets', gzip, serveStatic(join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PREFIX.test(req.path)) return next();
    if (!existsSync(index)) {
      res
        .status(503)
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Dondoc</title><p>Ứng dụng web chưa được dựng. Chạy <code>npm run build</code> rồi khởi động lại.</p></html>',
        );
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
