import type { Clock } from '@dondoc/domain/shared';

/** The only place that reads the system clock; everything else gets a Clock injected. */
export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}
