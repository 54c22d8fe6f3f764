import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Evidence } from '@dondoc/domain/task';
import type { Response } from 'express';
import { Ctx, RequestContext } from '../../application/request-context';
import { EvidenceResolver } from '../../files/evidence-resolver';
import { TaskWrites } from '../task-writes';
import { ReportCompletionRequestDto } from './report-completion.request.dto';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('v1')
export class ReportCompletionController {
  constructor(
    private readonly writes: TaskWrites,
    private readonly evidence: EvidenceResolver,
  ) {}

  @Post('tasks/:id/completion')
  @HttpCode(201)
  async complete(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReportCompletionRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    // Files are checked and recorded by their hash, size and type: the event, not the upload, is the evidence.
    const evidence = (await this.evidence.resolve(body.evidence, ctx.recordedAt)) as Evidence[] | undefined;
    return this.writes.run(res, id, { type: 'ReportCompletion', ...body, evidence }, ctx);
  }
}
