import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig, PG_POOL } from '@dondoc/platform';
import type { Response } from 'express';
import { Pool } from 'pg';
import { ProjectionLag } from '@dondoc/read-models/projection/projection-lag';
import { Public } from '../http/auth/public.decorator';
import { Metrics } from '../application/metrics';

/**
 * Operations routes: no token. /health (readiness) is 503 when the database is down or projections
 * lag too far (the lowest checkpoint: every read model); /health/projections gives each named
 * projection's lag; /health/live (liveness) only says the process is not hung.
 */
@ApiExcludeController()
@Public()
@Controller()
export class HealthController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly lag: ProjectionLag,
    private readonly metrics: Metrics,
  ) {}

  /** Liveness: the process answers HTTP. Touches no database, so a database outage restarts nothing. */
  @Get('health/live')
  live(@Res() res: Response): void {
    res.status(HttpStatus.OK).json({ status: 'ok' });
  }

  @Get('health')
  async health(@Res() res: Response): Promise<void> {
    let db = 'ok';
    let lagEvents: number | null = null;
    try {
      await this.pool.query('SELECT 1');
      lagEvents = await this.lag.lagEvents();
    } catch {
      db = 'down';
    }
    const ready = db === 'ok' && lagEvents !== null && lagEvents <= this.config.healthMaxLagEvents;
    res.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({
      status: ready ? 'ok' : 'unavailable',
      db,
      projections: { lagEvents },
    });
  }

  /** Each named projection's lag (its own checkpoint row): which read model a lag in /health is. */
  @Get('health/projections')
  async projections(@Res() res: Response): Promise<void> {
    try {
      const lags = await this.lag.byProjection();
      res.status(HttpStatus.OK).json({
        status: 'ok',
        projections: Object.fromEntries(Object.entries(lags).map(([name, lagEvents]) => [name, { lagEvents }])),
      });
    } catch {
      res.status(HttpStatus.SERVICE_UNAVAILABLE).json({ status: 'unavailable', db: 'down' });
    }
  }

  @Get('metrics')
  async metricsText(@Res() res: Response): Promise<void> {
    res.type(this.metrics.contentType).send(await this.metrics.render());
  }
}
