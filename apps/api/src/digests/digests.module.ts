import { Module } from '@nestjs/common';
import { DigestRunnerModule } from '../../../worker/src/digests/digest-runner.module';
import { DigestsController } from './digests.controller';

@Module({ imports: [DigestRunnerModule], controllers: [DigestsController] })
export class DigestsModule {}
