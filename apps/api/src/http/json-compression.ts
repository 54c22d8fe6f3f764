import compression from 'compression';
import type { Request, RequestHandler, Response } from 'express';

/** JSON bodies only: an allow-list, so that nothing streamed or already compressed is touched. */
const JSON_TYPE = /^application\/(?:problem\+)?json\b/i;

/** Paths whose answers may carry a secret (one-time passwords, the session): never compressed. */
const SECRET_PATHS = /^\/v1\/(?:auth|users)(?:\/|$)/i;

/**
 * Whether an answer under /v1 is gzipped (the compression package calls it at writeHead, when the
 * headers are known). Only JSON answers that are not a download: the exports (xlsx, docx, pdf,
 * csv) and evidence files carry Content-Disposition, the audit's NDJSON progress and trail are
 * streamed (gzip would hold back their lines), and ranges of a file must stay byte ranges.
 *
 * BREACH (a secret and attacker-chosen text in one compressed body, the sizes watched on the
 * wire): the browser's session is a cookie (dondoc_session, SameSite=Lax, so a cross-site page can
 * open a GET of /v1 with its own query), but the session id and the CSRF token travel only in
 * headers, which gzip does not cover. The only secrets in bodies are the one-time passwords of
 * /v1/users (new at each answer, from POSTs that need the CSRF header); /v1/auth and /v1/users are
 * left out all the same, so that no body beside a session's cookies is compressed.
 */
export function shouldCompressJson(req: Request, res: Response): boolean {
  if (SECRET_PATHS.test(req.originalUrl)) return false;
  if (res.getHeader('Content-Disposition') !== undefined || res.getHeader('Content-Range') !== undefined) return false;
  const type = res.getHeader('Content-Type');
  return typeof type === 'string' && JSON_TYPE.test(type);
}

/** gzip for the API's JSON (lists and reports shrink to a fifth; the browser waits less for its tables). */
export const jsonCompression = (): RequestHandler =>
  compression({ filter: (req, res) => shouldCompressJson(req as Request, res as Response) }) as RequestHandler;
