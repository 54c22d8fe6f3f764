import { Global, Module } from '@nestjs/common';
import { ReadModelsModule } from '@dondoc/read-models';
import { AggregateRunner } from './aggregate-runner';
import { WriteResponder } from './write-responder';
import { ReadScope } from './read-scope';
import { Metrics } from './metrics';

@Global()
@Module({
  imports: [ReadModelsModule],
  providers: [AggregateRunner, WriteResponder, ReadScope, Metrics],
  exports: [AggregateRunner, WriteResponder, ReadScope, Metrics],
})
export class ApplicationModule {}
