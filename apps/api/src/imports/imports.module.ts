import { Module } from '@nestjs/common';
import { DemoSeeder } from './demo/demo.seeder';
import { ImportPlanHandler } from './import-plan/import-plan.handler';
import { ImportWorldLoader } from './import-plan/import-world.loader';
import { ImportsController } from './imports.controller';
import { ImportsListQuery } from './list-imports/imports-list.query';

@Module({
  controllers: [ImportsController],
  providers: [ImportPlanHandler, ImportWorldLoader, ImportsListQuery, DemoSeeder],
  exports: [DemoSeeder],
})
export class ImportsModule {}
