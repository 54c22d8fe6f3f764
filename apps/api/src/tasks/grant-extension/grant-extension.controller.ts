import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Ctx, RequestContext } from '../../application/request-context';
import { TaskWrites } from '../task-writes';
import { GrantExtensionRequestDto } from './grant-extension.request.dto';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('v1')
export class GrantExtensionController {
  constructor(private readonly writes: TaskWrites) {}

  @Post('tasks/:id/extension-requests/:requestId/grant')
  @HttpCode(200)
  grant(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('requestId') requestId: string,
    @Body() body: GrantExtensionRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.writes.run(res, id, { type: 'GrantExtension', requestId, dueOn: body.dueOn, note: body.note }, ctx);
  }
}
