import type { Request, RequestHandler, Response } from 'express';
import { json, raw } from 'express';
import { rawUpload } from '../../imports/import-body.parser';
import { CSV_TYPES, JSON_TYPES, XLSX_TYPE } from '../../imports/import-media-types';
import { checkJsonShape } from './json-shape';

/**
 * Bodies are read only after the caller is authenticated and allowed (the edge guard calls
 * readBody), never by a global middleware: a request with no token costs nothing to refuse.
 *
 * Limits, counted on the bytes after any Content-Encoding is undone (body-parser counts the
 * inflated stream, so a 19 KB gzip bomb stops at the limit like a plain body):
 * - every route: 1 MB of JSON, at most 32 levels deep and 10,000 elements; no Content-Encoding.
 * - POST /v1/imports: 20 MB (JSON, CSV or XLSX); JSON up to 1,000,000 elements (a 20 MB plan file
 *   holds about 36,000 tasks at 22 elements each), and may be sent gzip- or deflate-encoded.
 */
export const BODY_LIMITS = {
  default: { bytes: 1024 * 1024, maxDepth: 32, maxElements: 10_000 },
  upload: { bytes: 20 * 1024 * 1024, maxDepth: 32, maxElements: 1_000_000 },
} as const;

export type BodyKind = keyof typeof BODY_LIMITS;

const JSON_MEDIA = [...JSON_TYPES, 'application/*+json'];

function parsers(kind: BodyKind): RequestHandler[] {
  const limits = BODY_LIMITS[kind];
  const shape = (_req: unknown, _res: unknown, bytes: Buffer) => checkJsonShape(bytes, limits);
  if (kind === 'default') return [json({ limit: limits.bytes, type: JSON_MEDIA, inflate: false, verify: shape })];
  const wrap: RequestHandler = (req, _res, next) => {
    if (Buffer.isBuffer(req.body)) req.body = rawUpload(req.body);
    next();
  };
  return [
    json({ limit: limits.bytes, type: JSON_MEDIA, verify: shape }),
    raw({ limit: limits.bytes, type: [...CSV_TYPES, XLSX_TYPE], inflate: false }),
    wrap,
  ];
}

const PARSERS: Record<BodyKind, RequestHandler[]> = { default: parsers('default'), upload: parsers('upload') };

/** Runs the body parsers of this kind of route; rejects with body-parser's error (mapped by the filter). */
export async function readBody(req: Request, res: Response, kind: BodyKind): Promise<void> {
  for (const parser of PARSERS[kind]) {
    await new Promise<void>((resolve, reject) => parser(req, res, (error?: unknown) => (error ? reject(error) : resolve())));
  }
}
