import { Global, Module } from '@nestjs/common';
import { ReadModelsModule } from '@dondoc/read-models';
import { AggregateRunner } from './aggregate-runner';
import { WriteResponder } from './write-responder';
import { ReadScope } from './read-scope';

@Global()
@Module({ imports: [ReadModelsModule], providers: [AggregateRunner, WriteResponder, ReadScope], exports: [AggregateRunner, WriteResponder, ReadScope] })
export class ApplicationModule {}
