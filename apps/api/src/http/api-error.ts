/**
 * Failures only the API knows of — who is asking, which version the client read, which key it
 * reused — with a stable code like a DomainError's. The domain's own categories are in
 * libs/domain (DomainError); the problem-details filter maps both.
 */
export type ApiErrorCategory =
  | 'unauthorized' // 401
  | 'precondition' // 412: If-Match did not match
  | 'idempotency'; // 422: an Idempotency-Key reused with another body

export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly category: ApiErrorCategory,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const unauthorized = (code: string, message: string) => new ApiError(code, 'unauthorized', message);
