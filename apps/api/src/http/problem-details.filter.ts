import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError, ErrorCategory } from '@dondoc/domain/shared';
import { ApiError, ApiErrorCategory } from './api-error';
import { ConcurrencyError } from '@dondoc/event-store';
import { isDatabaseUnavailable } from '@dondoc/platform/database/database-unavailable';
import type { Response } from 'express';
import { EdgeError } from './edge.error';

export interface FieldError {
  field: string;
  message: string;
}

/** Input that fails validation before any command runs: every field at fault, in one answer. */
export class RequestValidationError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
  }
}

/**
 * A route this deployment cannot answer (yet): 501 with a stable code. Not the caller's fault and
 * not a failure of the server: the configuration leaves the feature out (say, SQL over the log
 * under EVENT_STORE=kurrentdb).
 */
export class UnavailableFeatureError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'UnavailableFeatureError';
  }
}

/** 429 with Retry-After (sign-in throttling). */
export class TooManyRequestsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'TooManyRequestsError';
  }
}

const STATUS: Record<ErrorCategory | ApiErrorCategory, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition: 412,
  too_large: 413,
  unsupported: 415,
  idempotency: 422,
};

const TITLE: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

/** What a 503 DATABASE_UNAVAILABLE tells the client to wait: about a pool acquire timeout. */
const DATABASE_RETRY_AFTER_SECONDS = 2;

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
}

/** Body-parser errors arrive as plain errors with a status and a type. */
interface ParserError {
  status?: number;
  statusCode?: number;
  type?: string;
  message: string;
}

/** The one place errors become HTTP: application/problem+json with a stable `code`. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const problem = this.toProblem(exception);
    if (problem.code === 'DATABASE_UNAVAILABLE') {
      response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      this.logger.warn(`database unavailable: ${exception instanceof Error ? exception.message : String(exception)}`);
    } else if (problem.status >= 500 && problem.status !== 501) {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    if (exception instanceof EdgeError && exception.retryAfter) response.setHeader('Retry-After', String(exception.retryAfter));
    if (exception instanceof TooManyRequestsError) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  toProblem(e: unknown): Problem {
    const make = (status: number, code: string, detail: string, errors?: FieldError[]): Problem => ({
      type: `https://dondoc.vn/problems/${code.toLowerCase().replace(/_/g, '-')}`,
      title: TITLE[status] ?? 'Error',
      status,
      detail,
      code,
      ...(errors ? { errors } : {}),
    });
    if (e instanceof RequestValidationError) return make(400, 'VALIDATION_FAILED', e.message, e.errors);
    if (e instanceof DomainError) {
      return make(STATUS[e.category], e.code, e.message, e.field ? [{ field: e.field, message: e.message }] : undefined);
    }
    if (e instanceof ApiError) return make(STATUS[e.category], e.code, e.message);
    if (e instanceof EdgeError) return make(e.status, e.code, e.message, e.field ? [{ field: e.field, message: e.message }] : undefined);
    if (e instanceof UnavailableFeatureError) return make(501, e.code, e.message);
    if (e instanceof TooManyRequestsError) return make(429, e.code, e.message);
    if (e instanceof ConcurrencyError) {
      return make(409, 'CONCURRENT_MODIFICATION', 'the record changed while this request was processed; retry');
    }
    if (isDatabaseUnavailable(e)) return make(503, 'DATABASE_UNAVAILABLE', 'the database cannot be reached just now; retry shortly');
    // Body-parser errors: raw, or (NestJS 12's Express adapter) wrapped in an HttpException as its cause.
    const parser = (e instanceof HttpException && e.cause && typeof e.cause === 'object' ? e.cause : e) as ParserError;
    if (parser && typeof parser === 'object' && parser.type === 'entity.too.large') {
      return make(
        413,
        'BODY_TOO_LARGE',
        'the request body is larger than this route accepts (1 MB; 20 MB for imports), counted after any Content-Encoding is undone',
      );
    }
    if (parser && typeof parser === 'object' && parser.type === 'encoding.unsupported') {
      return make(
        415,
        'CONTENT_ENCODING_NOT_ACCEPTED',
        'send the body without Content-Encoding (only POST /v1/imports takes gzip or deflate)',
        [{ field: 'Content-Encoding', message: 'not accepted here' }],
      );
    }
    if (parser && typeof parser === 'object' && parser.type === 'entity.parse.failed') {
      return make(400, 'MALFORMED_JSON', `the body is not valid JSON: ${parser.message}`, [{ field: 'body', message: 'malformed JSON' }]);
    }
    if (e instanceof HttpException) {
      const status = e.getStatus();
      const code = status === 404 ? 'ROUTE_NOT_FOUND' : `HTTP_${status}`;
      return make(status, code, e.message);
    }
    const status = parser?.status ?? parser?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) return make(status, `HTTP_${status}`, parser.message);
    return make(500, 'INTERNAL_ERROR', 'an unexpected error occurred; it has been logged');
  }
}
