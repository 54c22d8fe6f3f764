import { Module } from '@nestjs/common';
import { AnchorSchedulerService } from './anchor-scheduler.service';

/** The anchor scheduler (worker only). */
@Module({ providers: [AnchorSchedulerService] })
export class AnchorsModule {}
