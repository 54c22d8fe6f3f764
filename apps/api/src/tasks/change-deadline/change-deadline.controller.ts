import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Ctx, RequestContext } from '../../application/request-context';
import { TaskWrites } from '../task-writes';
import { ChangeDeadlineRequestDto } from './change-deadline.request.dto';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('v1')
export class ChangeDeadlineController {
  constructor(private readonly writes: TaskWrites) {}

  @Post('tasks/:id/deadline')
  @HttpCode(200)
  deadline(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ChangeDeadlineRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.writes.run(res, id, { type: 'ChangeDeadline', dueOn: body.dueOn, reason: body.reason }, ctx);
  }
}
