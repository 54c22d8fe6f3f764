import { Body, Controller, Get, Param, ParseIntPipe, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IndexLevel, indexFrameworkDecider, indexFrameworkStreamId, parseRounding } from '@dondoc/domain/counting';
import { Actor, notFound, parseInstantOrDate } from '@dondoc/domain/shared';
import { IndexFrameworkQuery, toFramework } from '@dondoc/read-models/index-frameworks/index-framework.query';
import { PlanQuery } from '@dondoc/read-models/plans/plan.query';
import type { Response } from 'express';
import { AggregateRunner } from '../application/aggregate-runner';
import { ReadScope } from '../application/read-scope';
import { Ctx, RequestContext } from '../application/request-context';
import { WriteResponder } from '../application/write-responder';
import { CurrentActor } from '../http/auth/current-actor.decorator';
import {
  AmendIndexFrameworkDto,
  FrameworkReadQueryDto,
  PlanAreasQueryDto,
  RecordIndexScoresDto,
  RegisterIndexFrameworkDto,
} from './index-frameworks.dto';

/**
 * Index frameworks (PAR INDEX, SIPAS, DTI, ...), one stream per code, year and level; units'
 * published scores; and a plan seen per area of a framework: points lost, and the tasks meant
 * to win them back (GET /v1/plans/:id/areas).
 */
@ApiTags('index-frameworks')
@ApiBearerAuth()
@Controller('v1')
export class IndexFrameworksController {
  constructor(
    private readonly runner: AggregateRunner,
    private readonly responder: WriteResponder,
    private readonly frameworks: IndexFrameworkQuery,
    private readonly plans: PlanQuery,
    private readonly scope: ReadScope,
  ) {}

  @Post('index-frameworks')
  @ApiOperation({ summary: 'Register an index framework version: areas with max points, criteria, SIPAS (admin)' })
  @ApiCreatedResponse({ description: '{ code, year, level, version }' })
  async register(@Body() body: RegisterIndexFrameworkDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const result = await this.runner.run({
      streamId: indexFrameworkStreamId(body.code, body.year, body.level),
      decider: indexFrameworkDecider,
      command: { type: 'RegisterIndexFramework', data: { ...body, level: body.level as IndexLevel } },
      ctx,
    });
    await this.responder.finish(res, [result]);
    return { code: body.code, year: body.year, level: body.level, version: result.version };
  }

  @Patch('index-frameworks/:code/:year/:level')
  @ApiOperation({ summary: 'Amend a framework version (admin): IndexFrameworkAmended supersedes its values; reports use the latest' })
  @ApiOkResponse({ description: '{ code, year, level, version }' })
  async amend(
    @Param('code') code: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('level') level: string,
    @Body() body: AmendIndexFrameworkDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.runner.run({
      streamId: indexFrameworkStreamId(code, year, level),
      decider: indexFrameworkDecider,
      command: { type: 'AmendIndexFramework', data: body },
      ctx,
      notFoundCode: 'INDEX_FRAMEWORK_NOT_FOUND',
    });
    await this.responder.finish(res, [result]);
    return { code, year, level, version: result.version };
  }

  @Post('index-frameworks/:code/:year/:level/scores')
  @ApiOperation({
    summary: 'Record a unit’s published scores under a framework version (leader for units in its subtree, admin); a later record corrects',
  })
  @ApiCreatedResponse({ description: '{ code, year, level, unit, total, version }' })
  async record(
    @Param('code') code: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('level') level: string,
    @Body() body: RecordIndexScoresDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.runner.run({
      streamId: indexFrameworkStreamId(code, year, level),
      decider: indexFrameworkDecider,
      command: { type: 'RecordIndexScores', data: body },
      ctx,
      notFoundCode: 'INDEX_FRAMEWORK_NOT_FOUND',
      offices: () => [body.unit],
    });
    await this.responder.finish(res, [result]);
    return { code, year, level, unit: body.unit, total: result.state.units[body.unit]?.total ?? null, version: result.version };
  }

  @Get('index-frameworks')
  @ApiOperation({ summary: 'Registered framework versions' })
  async list() {
    return { items: (await this.frameworks.list()).map(toFramework) };
  }

  @Get('index-frameworks/:code/:year/:level')
  @ApiOperation({ summary: 'A framework version and every recorded unit’s attainment per area (points / max)' })
  @ApiOkResponse({
    description:
      '{ ...framework, results: [{ unit, rank, source, areas: [{ code, name, max, score, lost, attainment }], selfAssessment, sipas, total }] }',
  })
  async one(
    @Param('code') code: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('level') level: string,
    @Query() q: FrameworkReadQueryDto,
  ) {
    const framework = await this.frameworks.find(code, year, level);
    if (!framework) throw notFound('INDEX_FRAMEWORK_NOT_FOUND', `no index framework ${code} ${year} (${level})`);
    return {
      ...toFramework(framework),
      version: framework.version,
      results: await this.frameworks.results(framework, parseRounding(q.rounding)),
    };
  }

  @Get('plans/:id/areas')
  @ApiOperation({
    summary:
      'A plan by area of an index framework: per area max, score, points lost, attainment, and the plan’s tasks whose criterion is in the area (status as of asOf)',
  })
  @ApiOkResponse({
    description:
      '{ plan, framework, unit, result, asOf, areas: [{ code, name, max, score, lost, attainment, tasks: [{ taskId, title, lead, criterion, dueOn, status }] }], selfAssessment, sipas, total, otherTasks }',
  })
  async planAreas(@Param('id', new ParseUUIDPipe()) id: string, @Query() q: PlanAreasQueryDto, @CurrentActor() actor: Actor) {
    const plan = await this.plans.find(id);
    if (!plan || !(await this.scope.canSeePlan(actor, plan.issuer))) throw notFound('PLAN_NOT_FOUND', `no plan ${id}`);
    const framework = await this.frameworks.find(q.framework, Number(q.year), q.level);
    if (!framework) throw notFound('INDEX_FRAMEWORK_NOT_FOUND', `no index framework ${q.framework} ${q.year} (${q.level})`);
    const asOf = q.asOf !== undefined ? parseInstantOrDate(q.asOf, 'asOf') : new Date();
    return this.frameworks.planAreas({
      plan: { id: plan.id, title: plan.title },
      framework,
      unit: q.unit ?? plan.issuer,
      asOf,
      leadPath: await this.scope.filterPath(actor),
      lead: actor.role === 'officer' ? actor.office : null,
      rounding: parseRounding(q.rounding),
    });
  }
}
