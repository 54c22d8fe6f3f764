import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ProjectionLag } from '@dondoc/read-models/projection/projection-lag';
import { ReadSide } from '@dondoc/read-models/projection/read-side';

/** Prometheus metrics through prom-client: process defaults, appends, command latency, lag. */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly appendedEvents = new Counter({ name: 'dondoc_events_appended_total', help: 'Events appended', registers: [this.registry] });
  readonly commandSeconds = new Histogram({
    name: 'dondoc_command_duration_seconds',
    help: 'Command handling time, from request to response',
    labelNames: ['command', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  constructor(lag: ProjectionLag, readSide: ReadSide) {
    collectDefaultMetrics({ register: this.registry, prefix: 'dondoc_' });
    new Gauge({
      name: 'dondoc_projection_lag_events',
      help: 'Events in the log not yet applied to the read models',
      registers: [this.registry],
      async collect() {
        this.set(await lag.lagEvents().catch(() => -1));
      },
    });
    new Gauge({
      name: 'dondoc_projection_lag_events_by_projection',
      help: 'Events in the log not yet applied to each named projection (its own checkpoint)',
      labelNames: ['projection'],
      registers: [this.registry],
      async collect() {
        this.reset();
        const lags = await lag.byProjection().catch(() => ({}) as Record<string, number>);
        for (const [projection, n] of Object.entries(lags)) this.set({ projection }, n);
      },
    });
    // The read side's own counts, read at scrape time (READ_DATABASE_URL, docs/SCALING.md).
    new Counter({
      name: 'dondoc_read_queries_total',
      help: 'Read-model queries of GET requests by where they ran (replica or primary)',
      labelNames: ['target'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [target, n] of Object.entries(readSide.reads)) this.inc({ target }, n);
      },
    });
    new Counter({
      name: 'dondoc_read_replica_fallbacks_total',
      help: "Reads the replica could have served that went to the primary: lagging behind the caller's last write, or unavailable",
      labelNames: ['reason'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [reason, n] of Object.entries(readSide.fallbacks)) this.inc({ reason }, n);
      },
    });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
