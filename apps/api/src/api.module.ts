import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ReadModelsModule } from '@dondoc/read-models';
import { ApplicationModule } from './application/application.module';
import { HealthController } from './health/health.controller';
import { Metrics } from './health/metrics';
import { JwtAuthGuard } from './http/auth/jwt-auth.guard';
import { TokenVerifier } from './http/auth/token-verifier';
import { IdempotencyInterceptor } from './http/idempotency/idempotency.interceptor';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { OfficesModule } from './offices/offices.module';
import { DirectivesModule } from './directives/directives.module';
import { PlansModule } from './plans/plans.module';
import { TasksModule } from './tasks/tasks.module';

/** The HTTP API: authentication, errors, idempotency, and one module per bounded area. */
@Module({
  imports: [CqrsModule.forRoot(), ReadModelsModule, ApplicationModule, OfficesModule, DirectivesModule, PlansModule, TasksModule],
  controllers: [HealthController],
  providers: [
    TokenVerifier,
    Metrics,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class ApiModule {}
