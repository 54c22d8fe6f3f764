/**
 * A request refused at the edge, before any command runs: over a limit (413, 429), an encoding
 * or a shape this API does not take (400, 415). The status, code and limit are the caller's to see.
 */
export class EdgeError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Seconds, for 429 and 503. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'EdgeError';
  }
}
