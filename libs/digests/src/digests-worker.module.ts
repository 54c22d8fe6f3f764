import { Inject, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, Clock } from '@dondoc/domain/shared';
import { APP_CONFIG, AppConfig } from '@dondoc/platform';
import { DigestRunnerModule } from './digest-runner.module';
import { DigestRunner } from './digest.runner';
import { DigestScheduler } from './digest.scheduler';

/** The worker's part: the weekly schedule (every worker runs it; the log keeps it exactly once). */
@Module({
  imports: [DigestRunnerModule],
  providers: [
    {
      provide: DigestScheduler,
      useFactory: (config: AppConfig, clock: Clock, runner: DigestRunner) => {
        const logger = new Logger('Digests');
        return new DigestScheduler(
          config.digestCron,
          clock,
          (week) => runner.run({ week }),
          (line) => logger.log(line),
        );
      },
      inject: [APP_CONFIG, CLOCK, DigestRunner],
    },
  ],
})
export class DigestsWorkerModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(DigestScheduler) private readonly scheduler: DigestScheduler) {}

  onApplicationBootstrap(): void {
    this.scheduler.start();
  }

  onApplicationShutdown(): void {
    this.scheduler.stop();
  }
}
