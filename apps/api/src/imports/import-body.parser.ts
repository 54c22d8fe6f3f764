import { RequestHandler, json, raw } from 'express';
import { createHash } from 'node:crypto';
import { CSV_TYPES, JSON_TYPES, XLSX_TYPE } from './import-media-types';

/**
 * A CSV or XLSX body: the bytes (not enumerable) and their SHA-256. Whatever walks `req.body`
 * (the Idempotency-Key body hash) sees one short field, not millions of byte indices.
 */
export interface RawUpload {
  readonly sha256: string;
  readonly bytes: Buffer;
}

export function rawUpload(bytes: Buffer): RawUpload {
  const upload = { sha256: createHash('sha256').update(bytes).digest('hex') } as RawUpload;
  Object.defineProperty(upload, 'bytes', { value: bytes, enumerable: false });
  return upload;
}

export const isRawUpload = (body: unknown): body is RawUpload => !!body && typeof body === 'object' && Buffer.isBuffer((body as RawUpload).bytes);


/** A plan of 10,000 tasks is a few MB; the global 1 MB JSON limit stays for every other route. */
export const IMPORT_BODY_LIMIT = '20mb';
export const IMPORTS_PATH = '/v1/imports';

/**
 * Body parsers for POST /v1/imports only, mounted before the global JSON parser (which then sees
 * the body read and skips it): JSON up to 20 MB, CSV and XLSX as raw bytes up to 20 MB.
 * Over the limit is 413.
 */
export function importBodyParsers(): RequestHandler[] {
  const wrap: RequestHandler = (req, _res, next) => {
    if (Buffer.isBuffer(req.body)) req.body = rawUpload(req.body);
    next();
  };
  return [json({ limit: IMPORT_BODY_LIMIT, type: [...JSON_TYPES, 'application/*+json'] }), raw({ limit: IMPORT_BODY_LIMIT, type: [...CSV_TYPES, XLSX_TYPE] }), wrap];
}
