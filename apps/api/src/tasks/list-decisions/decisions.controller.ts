import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@dondoc/domain/shared';
import { TaskDecisionsQuery } from '@dondoc/read-models/tasks/task-decisions.query';
import { PageQueryDto, pageOf } from '../../application/offset-page';
import { ReadScope } from '../../application/read-scope';
import { CurrentActor } from '../../http/auth/current-actor.decorator';
import { DecisionsResponseDto } from './decision.response.dto';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('v1/decisions')
export class DecisionsController {
  constructor(
    private readonly decisions: TaskDecisionsQuery,
    private readonly scope: ReadScope,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Extension requests and completion reports waiting for this leader (tasks led strictly below its office), oldest first; empty for roles that do not decide',
  })
  @ApiOkResponse({ type: DecisionsResponseDto })
  async waiting(@Query() q: PageQueryDto, @CurrentActor() actor: Actor): Promise<DecisionsResponseDto> {
    if (actor.role !== 'leader' && actor.role !== 'admin') return { items: [], nextCursor: null };
    const path = await this.scope.rootPath(actor);
    return pageOf(await this.decisions.waitingBelow(path, actor.role === 'admin' ? null : actor.office), q);
  }
}
