import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What the read side knows of the HTTP request it serves (set by the API for every /v1 request):
 * whether a replica may answer (GET and HEAD only: a command's own reads stay on the primary),
 * and who is asking (the subject whose last write a replica must have replayed).
 */
export interface ReadContext {
  replicaAllowed: boolean;
  subject(): string | null;
  /** The subject's last write position, looked up once per request by the read side. */
  mark?: Promise<string | null>;
}

export const readContext = new AsyncLocalStorage<ReadContext>();
