import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Ctx, RequestContext } from '../../application/request-context';
import { TaskWrites } from '../task-writes';
import { CancelTaskRequestDto } from './cancel-task.request.dto';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('v1')
export class CancelTaskController {
  constructor(private readonly writes: TaskWrites) {}

  @Post('tasks/:id/cancel')
  @HttpCode(200)
  cancel(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CancelTaskRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.writes.run(res, id, { type: 'CancelTask', reason: body.reason }, ctx);
  }
}
