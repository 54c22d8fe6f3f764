import type { AuthConfig } from '@dondoc/platform';
import type { Request, Response } from 'express';
import { parse } from 'cookie';

export const SESSION_COOKIE = 'dondoc_session';
export const CSRF_COOKIE = 'dondoc_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  return parse(header)[name] || undefined;
}

function secure(request: Request, config: AuthConfig): boolean {
  return config.cookieSecure === 'always' || (config.cookieSecure === 'auto' && request.secure);
}

/** The session id (HttpOnly) and the CSRF token the page reads and sends back as X-CSRF-Token. */
export function setSessionCookies(request: Request, res: Response, config: AuthConfig, session: { id: string; csrfToken: string }): void {
  const common = { sameSite: 'lax' as const, secure: secure(request, config), path: '/' };
  res.cookie(SESSION_COOKIE, session.id, { ...common, httpOnly: true });
  res.cookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(request: Request, res: Response, config: AuthConfig): void {
  const common = { sameSite: 'lax' as const, secure: secure(request, config), path: '/' };
  res.clearCookie(SESSION_COOKIE, { ...common, httpOnly: true });
  res.clearCookie(CSRF_COOKIE, common);
}
