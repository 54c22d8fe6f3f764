import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Ctx, RequestContext } from '../../application/request-context';
import { TaskWrites } from '../task-writes';
import { AcknowledgeTaskRequestDto } from './acknowledge-task.request.dto';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('v1')
export class AcknowledgeTaskController {
  constructor(private readonly writes: TaskWrites) {}

  @Post('tasks/:id/acknowledge')
  @HttpCode(200)
  acknowledge(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() _body: AcknowledgeTaskRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.writes.run(res, id, { type: 'AcknowledgeTask' }, ctx);
  }
}
