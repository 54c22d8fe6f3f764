/**
 * Whether an error means "the database cannot be reached now" (down, restarting, shutting down,
 * no connection free in time) rather than "this request is wrong": such requests answer 503 with
 * Retry-After, and a client may retry them.
 */
const CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down)
  '53300', // too_many_connections
  '57014', // query_canceled: the statement timeout
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
const MESSAGES = [
  'timeout exceeded when trying to connect', // pg-pool: no connection free in connectionTimeoutMillis
  'Connection terminated', // pg: the server went away (unexpectedly, or on connection timeout)
  'Client has encountered a connection error',
  'Cannot use a pool after calling end',
];

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && CODES.has(e.code)) return true;
  if (typeof e.message === 'string' && MESSAGES.some((m) => (e.message as string).includes(m))) return true;
  // AggregateError (a connect to several addresses), TypeORM's QueryFailedError, a wrapped cause.
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return isDatabaseUnavailable(e.driverError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1);
}
