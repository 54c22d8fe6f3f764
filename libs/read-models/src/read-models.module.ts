import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { READ_MODEL_ENTITIES, READ_MODEL_PROJECTORS, READ_MODEL_QUERIES } from './read-models';
import { PROJECTIONS, Projection } from './projection/projection';
import { ConsistencyService } from './projection/consistency.service';
import { ProjectionLag } from './projection/projection-lag';
import { ProjectorService } from './projection/projector.service';
import { ReadSide } from './projection/read-side';

/** Read models: entities, their projectors (run by the worker) and queries (used by the API). */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature(READ_MODEL_ENTITIES)],
  providers: [
    ...READ_MODEL_PROJECTORS,
    ...READ_MODEL_QUERIES,
    { provide: PROJECTIONS, useFactory: (...p: Projection[]) => p, inject: READ_MODEL_PROJECTORS },
    ProjectorService,
    ProjectionLag,
    ConsistencyService,
    ReadSide,
  ],
  exports: [...READ_MODEL_QUERIES, ProjectorService, ProjectionLag, ConsistencyService, ReadSide],
})
export class ReadModelsModule {}
