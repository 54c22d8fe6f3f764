import { credentials } from '../auth/credentials';
import { ProblemError, Problem } from '../api/problem';
import type { Schemas } from '../api/client';

/** The audit routes answer JSON their OpenAPI entries only describe in words: typed here. */
export interface AuditActor {
  userId: string;
  role: string;
  office: string;
  name?: string;
}

export interface Change<T = string | null> {
  from: T;
  to: T;
}

export interface TimelineItem {
  position: string;
  version: number;
  type: string;
  actor: AuditActor | null;
  occurredAt: string;
  recordedAt: string;
  recordedLate: boolean;
  changes: { status?: Change; dueOn?: Change; lead?: Change };
  data: Record<string, unknown>;
  hash: string;
}

export interface AuditEvent {
  position: string;
  streamId: string;
  version: number;
  type: string;
  data: Record<string, unknown>;
  actor: AuditActor | null;
  offices: string[];
  occurredAt: string;
  recordedAt: string;
  hash: string;
}

export interface Flag {
  kind: 'backdated';
  position: string;
  streamId: string;
  taskId: string | null;
  version: number;
  type: string;
  actor: AuditActor | null;
  office: string | null;
  businessDate: string;
  occurredAt: string;
  recordedAt: string;
  lagDays: number;
  graceDays: number;
}

export interface Mismatch {
  position: string;
  stream: string;
  version: number;
  reason?: string;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  anchors: number;
  seconds: number;
  firstMismatch?: Mismatch;
  files?: { ok: boolean; checked: number; firstMismatch?: Mismatch & { fileId: string; name: string } };
}

export type SearchHit = Schemas['SearchHitDto'];

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A GET on /v1/audit/* with the reader's credentials; a refusal becomes a ProblemError. */
export async function auditGet<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
  const params = new URLSearchParams(
    Object.entries(query)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, String(v)]),
  );
  const token = credentials.token();
  const res = await fetch(`${path}${params.size ? `?${params}` : ''}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const body = (await res.json().catch(() => ({}))) as T & Problem;
  if (!res.ok) throw new ProblemError({ ...body, status: res.status });
  return body;
}

/** Where a stream's story is told in the app: a task's or plan's timeline; an office's trail. */
export function timelineLink(stream: string): string | null {
  if (stream.startsWith('task-')) return `/thanh-tra/nhiem-vu/${stream.slice(5)}`;
  if (stream.startsWith('plan-')) return `/thanh-tra/ke-hoach/${stream.slice(5)}`;
  if (stream.startsWith('office-')) return `/thanh-tra/don-vi/${encodeURIComponent(stream.slice(7))}`;
  return null;
}

export interface VerifyProgress {
  checked: number;
  total: number;
}

/**
 * GET /v1/audit/verify as NDJSON: `onProgress` for each `{ progress }` line while the API walks
 * the log, the `{ result }` line at the end. A server that answers plain JSON (KurrentDB) is read
 * as the result at once.
 */
export async function verifyWithProgress(onProgress: (p: VerifyProgress) => void): Promise<VerifyResult> {
  const token = credentials.token();
  const res = await fetch('/v1/audit/verify', {
    headers: { Accept: 'application/x-ndjson, application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  });
  if (!res.ok) throw new ProblemError({ ...((await res.json().catch(() => ({}))) as Problem), status: res.status });
  if (!res.headers.get('content-type')?.includes('ndjson') || !res.body) return (await res.json()) as VerifyResult;
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    buffered += value ?? '';
    const lines = buffered.split('\n');
    buffered = done ? '' : lines.pop()!;
    for (const line of lines.filter((l) => l.trim())) {
      const msg = JSON.parse(line) as { progress?: VerifyProgress; result?: VerifyResult; error?: Problem };
      if (msg.progress) onProgress(msg.progress);
      if (msg.result) return msg.result;
      if (msg.error) throw new ProblemError({ ...msg.error, status: 503 });
    }
    if (done) throw new ProblemError({ status: 503, detail: 'verification ended without a result' });
  }
}
