import { Module } from '@nestjs/common';
import { DigestRunnerModule } from '@dondoc/digests';
import { DigestsController } from './digests.controller';

@Module({ imports: [DigestRunnerModule], controllers: [DigestsController] })
export class DigestsModule {}
