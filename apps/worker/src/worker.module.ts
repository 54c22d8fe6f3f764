import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { ProjectorService, ReadModelsModule } from '@dondoc/read-models';

/** Projections (and, later, digests and anchors): everything that follows the log. */
@Module({ imports: [ReadModelsModule] })
export class WorkerModule implements OnApplicationBootstrap {
  constructor(private readonly projector: ProjectorService) {}

  onApplicationBootstrap(): void {
    this.projector.start();
  }
}
