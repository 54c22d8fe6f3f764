import { Controller, Get, Post, Query, Req, Res, UnsupportedMediaTypeException } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ConsistencyService } from '@dondoc/read-models/projection/consistency.service';
import type { Request, Response } from 'express';
import { Ctx, RequestContext } from '../application/request-context';
import { RequireRole, UploadBody } from '../http/auth/route-policy.decorator';
import { ImportPlanCommand, ImportOutcome } from './import-plan/import-plan.command';
import { ImportPlanQueryDto } from './import-plan/import-plan.query.dto';
import { XLSX_TYPE } from './import-media-types';
import { ImportsListQuery } from './list-imports/imports-list.query';
import { ImportsListResponseDto } from './list-imports/imports-list.response.dto';
import { UNSUPPORTED_TYPE, uploadFormat } from './plan-upload.reader';

@ApiTags('imports')
@ApiBearerAuth()
@Controller('v1/imports')
export class ImportsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly consistency: ConsistencyService,
    private readonly imports: ImportsListQuery,
  ) {}

  @Get()
  @RequireRole('admin')
  @ApiOperation({ summary: 'The imports done, newest first (admin): who, when, which file (format, content hash), what was created' })
  @ApiOkResponse({ type: ImportsListResponseDto })
  async list(): Promise<ImportsListResponseDto> {
    return { items: await this.imports.list(200) };
  }

  @Post()
  @RequireRole('admin')
  @UploadBody()
  @ApiOperation({
    summary:
      'Import a plan file (admin): JSON in the shape of the Sơn Hà fixture, or CSV/XLSX one row per task (docs/IMPORT.md). All or nothing; up to 20 MB. ?dryRun=true previews it.',
  })
  @ApiConsumes('application/json', 'text/csv', XLSX_TYPE)
  @ApiBody({ description: 'the plan file', schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({
    description:
      '{ plan: { id, code }, tasks, created: { offices, directives, tasks }, noDeadline: [ref], warnings: [{ code, field, message }] }',
  })
  @ApiOkResponse({
    description:
      'dryRun=true: { dryRun, ok, plan, rows: [{ ref, at, title, lead, supporting, followUp, deadline, tasks, warnings, errors }], created, noDeadline, warnings, errors }, nothing written; ' +
      'or the same file was imported before under this plan code: nothing written (imported: false)',
  })
  async import(
    @Req() req: Request,
    @Query() query: ImportPlanQueryDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (!uploadFormat(req.headers['content-type']))
      throw new UnsupportedMediaTypeException(`${UNSUPPORTED_TYPE} (got ${req.headers['content-type'] ?? 'no content-type'})`);
    const { dryRun, fileName, ...overrides } = query;
    const outcome: ImportOutcome = await this.commands.execute(
      new ImportPlanCommand(
        { contentType: req.headers['content-type'], body: req.body },
        overrides,
        ctx,
        dryRun === 'true',
        fileName ?? null,
      ),
    );
    if (outcome.position && !(await this.consistency.waitFor(outcome.position))) res.setHeader('Dondoc-Consistency', 'pending');
    res.status(outcome.status);
    return outcome.answer;
  }
}
