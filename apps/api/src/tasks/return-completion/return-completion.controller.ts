import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Ctx, RequestContext } from '../../application/request-context';
import { TaskWrites } from '../task-writes';
import { ReturnCompletionRequestDto } from './return-completion.request.dto';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('v1')
export class ReturnCompletionController {
  constructor(private readonly writes: TaskWrites) {}

  @Post('tasks/:id/completion/return')
  @HttpCode(200)
  giveBack(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReturnCompletionRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.writes.run(res, id, { type: 'ReturnCompletion', ...body }, ctx);
  }
}
