import { RequestHandler, json, raw } from 'express';
import { CSV_TYPES, JSON_TYPES, XLSX_TYPE } from './plan-upload.reader';

/** A plan of 10,000 tasks is a few MB; the global 1 MB JSON limit stays for every other route. */
export const IMPORT_BODY_LIMIT = '20mb';
export const IMPORTS_PATH = '/v1/imports';

/**
 * Body parsers for POST /v1/imports only, mounted before the global JSON parser (which then sees
 * the body read and skips it): JSON up to 20 MB, CSV and XLSX as raw bytes up to 20 MB.
 * Over the limit is 413.
 */
export function importBodyParsers(): RequestHandler[] {
  return [json({ limit: IMPORT_BODY_LIMIT, type: [...JSON_TYPES, 'application/*+json'] }), raw({ limit: IMPORT_BODY_LIMIT, type: [...CSV_TYPES, XLSX_TYPE] })];
}
