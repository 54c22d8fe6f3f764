import { Module } from '@nestjs/common';
import { DemoSeeder } from './demo/demo.seeder';
import { ImportPlanHandler } from './import-plan/import-plan.handler';
import { ImportWorldLoader } from './import-plan/import-world.loader';
import { ImportsController } from './imports.controller';

@Module({ controllers: [ImportsController], providers: [ImportPlanHandler, ImportWorldLoader, DemoSeeder], exports: [DemoSeeder] })
export class ImportsModule {}
