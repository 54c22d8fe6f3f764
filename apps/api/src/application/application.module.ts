import { Global, Module } from '@nestjs/common';
import { ReadModelsModule } from '@dondoc/read-models';
import { AggregateRunner } from './aggregate-runner';
import { WriteResponder } from './write-responder';

@Global()
@Module({ imports: [ReadModelsModule], providers: [AggregateRunner, WriteResponder], exports: [AggregateRunner, WriteResponder] })
export class ApplicationModule {}
