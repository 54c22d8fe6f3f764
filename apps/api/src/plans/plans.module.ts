import { Module } from '@nestjs/common';
import { PlanAsKnown } from './plan-as-known';
import { AdoptPlanHandler } from './adopt-plan/adopt-plan.handler';
import { MeasureTargetHandler } from './measure-target/measure-target.handler';
import { ListPlansController } from './list-plans/list-plans.controller';
import { PlansController } from './plans.controller';

@Module({ controllers: [PlansController, ListPlansController], providers: [AdoptPlanHandler, MeasureTargetHandler, PlanAsKnown] })
export class PlansModule {}
