import { DynamicModule, Module } from '@nestjs/common';
import type { Clock } from '@dondoc/domain/shared';
import { AppConfig, CoreModule } from '@dondoc/platform';
import { READ_MODEL_ENTITIES } from '@dondoc/read-models';
import { BackgroundModule } from '@dondoc/background';
import { ApiModule } from './api.module';

/** The default deployment: API and worker in one process; DONDOC_ROLE=api leaves the worker out. */
@Module({})
export class AppModule {
  static register(config: AppConfig, databaseUrl: string, clock?: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.register(config, databaseUrl, READ_MODEL_ENTITIES, clock),
        ApiModule,
        ...(config.role === 'all' ? [BackgroundModule] : []),
      ],
    };
  }
}
