import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Ctx, RequestContext } from '../../application/request-context';
import { TaskWrites } from '../task-writes';
import { DenyExtensionRequestDto } from './deny-extension.request.dto';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('v1')
export class DenyExtensionController {
  constructor(private readonly writes: TaskWrites) {}

  @Post('tasks/:id/extension-requests/:requestId/deny')
  @HttpCode(200)
  deny(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('requestId') requestId: string,
    @Body() body: DenyExtensionRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.writes.run(res, id, { type: 'DenyExtension', requestId, reason: body.reason }, ctx);
  }
}
