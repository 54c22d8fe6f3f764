import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Ctx, RequestContext } from '../../application/request-context';
import { TaskWrites } from '../task-writes';
import { ReopenTaskRequestDto } from './reopen-task.request.dto';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('v1')
export class ReopenTaskController {
  constructor(private readonly writes: TaskWrites) {}

  @Post('tasks/:id/reopen')
  @HttpCode(200)
  reopen(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReopenTaskRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.writes.run(res, id, { type: 'ReopenTask', ...body }, ctx);
  }
}
