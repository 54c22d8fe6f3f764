import createClient, { Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';
import { credentials } from '../auth/credentials';

export type Schemas = components['schemas'];
export type TaskView = Schemas['TaskViewDto'];
export type TaskListItem = Schemas['TaskListItemDto'];
export type TaskEvent = Schemas['TaskEventDto'];
export type OfficeNode = Schemas['OfficeNodeDto'];

/**
 * The typed client, generated from the API's own OpenAPI document (`npm run api:client`).
 * A signed-in browser carries the session cookie, and its writes the CSRF header; an integration
 * that pasted a token sends it as a bearer.
 */
export const api = createClient<paths>({ baseUrl: window.location.origin });

const authenticate: Middleware = {
  onRequest({ request }) {
    const token = credentials.token();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    else if (request.method !== 'GET') {
      const csrf = /(?:^|;\s*)dondoc_csrf=([^;]+)/.exec(document.cookie)?.[1];
      if (csrf) request.headers.set('X-CSRF-Token', decodeURIComponent(csrf));
    }
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401 && window.location.pathname !== '/dang-nhap') {
      credentials.clear();
      window.location.assign(`/dang-nhap?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
    }
    return response;
  },
};
api.use(authenticate);

/** A GET on a route the generated client does not know yet (added by a branch not merged), with the same credentials. */
export async function rawGet<T>(path: string): Promise<{ status: number; body: T }> {
  const token = credentials.token();
  const res = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as T };
}

/** The credentials of a write made outside the generated client: the bearer token, or the session's CSRF header. */
export function writeHeaders(): Record<string, string> {
  const token = credentials.token();
  if (token) return { Authorization: `Bearer ${token}` };
  const csrf = /(?:^|;\s*)dondoc_csrf=([^;]+)/.exec(document.cookie)?.[1];
  return csrf ? { 'X-CSRF-Token': decodeURIComponent(csrf) } : {};
}

/** A POST of raw bytes (a plan file) with the same credentials as the generated client. */
export async function rawPost<T>(path: string, body: Blob, contentType: string): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { 'Content-Type': contentType, ...writeHeaders() };
  const res = await fetch(path, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as T };
}

/** Downloads a report file (`format=xlsx`, …) with the same credentials, under the name the server gives. */
export async function downloadFile(path: string): Promise<void> {
  const token = credentials.token();
  const res = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="([^"]+)"/i.exec(disposition)?.[1] ?? 'bao-cao.xlsx';
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = decodeURIComponent(name);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
