import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Ctx, RequestContext } from '../../application/request-context';
import { TaskWrites } from '../task-writes';
import { AcceptCompletionRequestDto } from './accept-completion.request.dto';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('v1')
export class AcceptCompletionController {
  constructor(private readonly writes: TaskWrites) {}

  @Post('tasks/:id/completion/accept')
  @HttpCode(200)
  accept(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: AcceptCompletionRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.writes.run(res, id, { type: 'AcceptCompletion', ...body }, ctx);
  }
}
