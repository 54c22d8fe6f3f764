import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { ProjectorService, ReadModelsModule } from '@dondoc/read-models';
import { AnchorsModule } from './anchors/anchors.module';
import { DigestsWorkerModule } from './digests/digests-worker.module';

/** Projections (and, later, digests and anchors): everything that follows the log. */
@Module({ imports: [ReadModelsModule, AnchorsModule, DigestsWorkerModule] })
export class WorkerModule implements OnApplicationBootstrap {
  constructor(private readonly projector: ProjectorService) {}

  onApplicationBootstrap(): void {
    this.projector.start();
  }
}
