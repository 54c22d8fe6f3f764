import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CLOCK, Clock } from '@dondoc/domain/shared';
import { EVENT_STORE, EventStore } from '@dondoc/event-store';
import { Pool } from 'pg';
import { SystemClock } from '../clock/system-clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { guardPool, poolOptions } from '../database/pool-options';
import { createEventStore } from './event-store.factory';
import { DATABASE_URL, PG_POOL } from './tokens';

/**
 * What every process needs: configuration, the clock, one pg pool, the event store, and TypeORM
 * for the read models (the schema is ours: migrations, never synchronize).
 */
@Global()
@Module({})
export class CoreModule implements OnApplicationShutdown {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `clock`: tests inject one to move time (session expiry, throttling); the system clock otherwise. */
  static register(config: AppConfig, databaseUrl: string, entities: Function[], clock: Clock = new SystemClock()): DynamicModule {
    const pool = guardPool(new Pool(poolOptions(databaseUrl, 'dondoc', 30, config)));
    return {
      module: CoreModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: databaseUrl,
          entities,
          synchronize: false,
          migrationsRun: false,
          extra: poolOptions(databaseUrl, 'dondoc-read', 20, config),
          logging: false,
        }),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DATABASE_URL, useValue: databaseUrl },
        { provide: PG_POOL, useValue: pool },
        { provide: CLOCK, useValue: clock },
        // The log on PostgreSQL (default) or KurrentDB; the pool above still serves the read models
        // and the projectors' checkpoints either way.
        {
          provide: EVENT_STORE,
          useFactory: (): EventStore => createEventStore(config, pool, { now: () => clock.now() }),
        },
      ],
      exports: [APP_CONFIG, DATABASE_URL, PG_POOL, CLOCK, EVENT_STORE, TypeOrmModule],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    // Nest may call this before the projector's own hook: the store's close() stops every
    // subscription first (loop and LISTEN connection), so nothing retries on an ended pool or
    // reconnects after shutdown. The PostgreSQL store's close() then ends this pool.
    await this.store.close().catch(() => undefined);
    if (this.config.eventStore === 'kurrentdb') await this.pool.end().catch(() => undefined);
  }
}
