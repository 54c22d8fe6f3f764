import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { DigestsWorkerModule } from '@dondoc/digests';
import { ProjectorService, ReadModelsModule } from '@dondoc/read-models';
import { AnchorsModule } from './anchors/anchors.module';

/** Everything that follows the log: projections, anchors, the weekly digest (the worker, or `npm start`'s one process). */
@Module({ imports: [ReadModelsModule, AnchorsModule, DigestsWorkerModule] })
export class BackgroundModule implements OnApplicationBootstrap {
  constructor(private readonly projector: ProjectorService) {}

  onApplicationBootstrap(): void {
    this.projector.start();
  }
}
