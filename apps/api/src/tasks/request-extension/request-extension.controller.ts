import { Body, Controller, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { idFromRequest } from '../../application/aggregate-runner';
import { Ctx, RequestContext } from '../../application/request-context';
import { TaskWrites } from '../task-writes';
import { RequestExtensionRequestDto } from './request-extension.request.dto';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('v1')
export class RequestExtensionController {
  constructor(private readonly writes: TaskWrites) {}

  @Post('tasks/:id/extension-requests')
  @ApiCreatedResponse({ description: '{ requestId, version }; after the deadline: 409' })
  async requestExtension(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: RequestExtensionRequestDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    // The request's id names it in the grant and deny routes; a retry with the same key gets the same id.
    const requestId = idFromRequest(ctx, `extension:${id}`);
    const command = { type: 'RequestExtension' as const, requestId, dueOn: body.dueOn, phrase: body.deadlinePhrase, reason: body.reason };
    return { requestId, ...(await this.writes.run(res, id, command, ctx)) };
  }
}
