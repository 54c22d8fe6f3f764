import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Observable, tap } from 'rxjs';
import { Metrics } from '../application/metrics';

/** Latency of every write, by route and outcome, for /metrics. */
@Injectable()
export class CommandMetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: Metrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    if (request.method !== 'POST') return next.handle();
    const command = `${context.getClass().name}.${context.getHandler().name}`;
    const stop = this.metrics.commandSeconds.startTimer({ command });
    return next.handle().pipe(
      tap({
        next: () => stop({ outcome: String(http.getResponse<Response>().statusCode) }),
        error: () => stop({ outcome: 'error' }),
      }),
    );
  }
}
