import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PlanViewDto } from './plan.response.dto';
import { Actor, CLOCK, Clock, forbidden, notFound, parseInstantOrDate } from '@dondoc/domain/shared';
import { PlanQuery } from '@dondoc/read-models/plans/plan.query';
import type { Response } from 'express';
import { Ctx, RequestContext } from '../application/request-context';
import { ReadScope } from '../application/read-scope';
import { WriteResponder } from '../application/write-responder';
import { CurrentActor } from '../http/auth/current-actor.decorator';
import { AdoptPlanCommand } from './adopt-plan/adopt-plan.command';
import { AdoptPlanRequestDto } from './adopt-plan/adopt-plan.request.dto';
import { MeasureTargetCommand } from './measure-target/measure-target.command';
import { MeasureTargetRequestDto } from './measure-target/measure-target.request.dto';
import { PlanAsKnown } from './plan-as-known';
import { PlanReadQueryDto } from './plan-read.query.dto';

@ApiTags('plans')
@ApiBearerAuth()
@Controller('v1/plans')
export class PlansController {
  constructor(
    private readonly commands: CommandBus,
    private readonly plans: PlanQuery,
    private readonly responder: WriteResponder,
    private readonly scope: ReadScope,
    private readonly asKnownPlans: PlanAsKnown,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Adopt a plan with its targets (leader within subtree, admin)' })
  @ApiCreatedResponse({ description: '{ id, version }' })
  async adopt(@Body() body: AdoptPlanRequestDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const result = await this.commands.execute(new AdoptPlanCommand(body, ctx));
    await this.responder.finish(res, [result]);
    return { id: result.id, version: result.version };
  }

  @Get(':id')
  @ApiOkResponse({ type: PlanViewDto })
  @ApiOperation({ summary: 'A plan, its targets and its task counts by status as of `asOf`' })
  async one(@Param('id', new ParseUUIDPipe()) id: string, @Query() query: PlanReadQueryDto, @CurrentActor() actor: Actor) {
    if (query.knownAt !== undefined) return this.asKnown(id, query, actor);
    const plan = await this.plans.find(id);
    if (!plan || !(await this.scope.canSeePlan(actor, plan.issuer))) throw notFound('PLAN_NOT_FOUND', `no plan ${id}`);
    const asOf = query.asOf ? parseInstantOrDate(query.asOf, 'asOf') : this.clock.now();
    const { targets: _targets, state, ...rest } = plan;
    return {
      ...rest,
      period: { from: plan.periodFrom, to: plan.periodTo },
      targets: state.targetOrder.map((c) => state.targets[c]),
      asOf: asOf.toISOString(),
      taskCounts: await this.plans.taskCounts(id, asOf),
    };
  }

  /** The same answer as the record stood at `knownAt` (inspectors and admins); `asOf` defaults to that instant. */
  private async asKnown(id: string, query: PlanReadQueryDto, actor: Actor) {
    if (actor.role !== 'inspector' && actor.role !== 'admin')
      throw forbidden('KNOWN_AT_NOT_ALLOWED', 'only inspectors and admins may read the record as it stood (knownAt)');
    const knownAt = parseInstantOrDate(query.knownAt!, 'knownAt');
    const now = this.clock.now();
    const asOf = query.asOf ? parseInstantOrDate(query.asOf, 'asOf') : knownAt < now ? knownAt : now;
    const known = await this.asKnownPlans.read(id, knownAt, asOf, (plan) => this.scope.canSeePlan(actor, plan.issuer));
    if (!known) throw notFound('PLAN_NOT_FOUND', `no plan ${id}`);
    const { plan } = known;
    return {
      id: plan.id,
      code: plan.code,
      directiveId: plan.directiveId,
      issuer: plan.issuer,
      title: plan.title,
      requiresAcceptance: plan.requiresAcceptance,
      followUp: plan.followUp,
      status: plan.status,
      version: known.version,
      periodFrom: plan.period.from,
      periodTo: plan.period.to,
      period: plan.period,
      targets: plan.targetOrder.map((c) => plan.targets[c]),
      asOf: asOf.toISOString(),
      knownAt: knownAt.toISOString(),
      taskCounts: known.taskCounts,
    };
  }

  @Post(':id/targets/:code/measurements')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a measured value of a target (leader within subtree, admin)' })
  async measure(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('code') code: string,
    @Body() body: MeasureTargetRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.commands.execute(new MeasureTargetCommand(id, code, body, ctx));
    await this.responder.finish(res, [result]);
    return { id, code, version: result.version };
  }
}
