import { Module } from '@nestjs/common';
import { IndexFrameworksController } from './index-frameworks.controller';

@Module({ controllers: [IndexFrameworksController] })
export class IndexFrameworksModule {}
