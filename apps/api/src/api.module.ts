import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { ReadModelsModule } from '@dondoc/read-models';
import { ApplicationModule } from './application/application.module';
import { HealthController } from './health/health.controller';
import { SystemController } from './health/system.controller';
import { JwtAuthGuard } from './http/auth/jwt-auth.guard';
import { RateLimiter } from './http/rate-limit/rate-limiter';
import { IdempotencyInterceptor } from './http/idempotency/idempotency.interceptor';
import { IdempotencySweeper } from './http/idempotency/idempotency-sweeper.service';
import { CommandMetricsInterceptor } from './http/command-metrics.interceptor';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { OfficesModule } from './offices/offices.module';
import { DirectivesModule } from './directives/directives.module';
import { PlansModule } from './plans/plans.module';
import { TasksModule } from './tasks/tasks.module';
import { AuditModule } from './audit/audit.module';
import { ReportsModule } from './reports/reports.module';
import { IndexFrameworksModule } from './index-frameworks/index-frameworks.module';
import { ImportsModule } from './imports/imports.module';
import { DigestsModule } from './digests/digests.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { AuthModule } from './auth/auth.module';
import { UsersModule } from './users/users.module';
import { FilesModule } from './files/files.module';
import { InspectionsModule } from './inspections/inspections.module';

/** The HTTP API: authentication, errors, idempotency, and one module per bounded area. */
@Module({
  imports: [
    CqrsModule.forRoot(),
    ReadModelsModule,
    ApplicationModule,
    OfficesModule,
    DirectivesModule,
    PlansModule,
    TasksModule,
    AuditModule,
    ReportsModule,
    IndexFrameworksModule,
    DigestsModule,
    ImportsModule,
    DeadlinesModule,
    AuthModule,
    UsersModule,
    FilesModule,
    InspectionsModule,
  ],
  controllers: [HealthController, SystemController],
  providers: [
    IdempotencySweeper,
    { provide: ThrottlerStorage, useClass: ThrottlerStorageService },
    RateLimiter,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_INTERCEPTOR, useClass: CommandMetricsInterceptor },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class ApiModule {}
