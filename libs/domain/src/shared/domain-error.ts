/**
 * Every rule the domain enforces fails with a DomainError: a stable `code` clients can rely on and
 * a category the HTTP layer maps to a status. The domain knows nothing of HTTP; who is asking, If-Match
 * and idempotency keys are the API's own errors (apps/api/src/http/api-error.ts).
 */
export type ErrorCategory =
  | 'validation' // 400: the input cannot be right whatever the state
  | 'forbidden' // 403: outside the actor's role or office
  | 'not_found' // 404
  | 'conflict' // 409: does not fit the current state
  | 'too_large' // 413: over the size a route accepts
  | 'unsupported'; // 415: a content type the route refuses

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly category: ErrorCategory,
    message: string,
    /** The input field at fault, when there is one (`dueOn`, `tasks[3].deadline`). */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (code: string, message: string, field?: string) => new DomainError(code, 'validation', message, field);
export const conflict = (code: string, message: string, field?: string) => new DomainError(code, 'conflict', message, field);
export const forbidden = (code: string, message: string) => new DomainError(code, 'forbidden', message);
export const notFound = (code: string, message: string) => new DomainError(code, 'not_found', message);
