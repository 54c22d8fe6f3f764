import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { ProjectorService, ReadModelsModule } from '@dondoc/read-models';
import { AnchorsModule } from './anchors/anchors.module';
import { DigestsWorkerModule } from './digests/digests-worker.module';

/** Everything that follows the log: projections, anchors, the weekly digest. */
@Module({ imports: [ReadModelsModule, AnchorsModule, DigestsWorkerModule] })
export class WorkerModule implements OnApplicationBootstrap {
  constructor(private readonly projector: ProjectorService) {}

  onApplicationBootstrap(): void {
    this.projector.start();
  }
}
