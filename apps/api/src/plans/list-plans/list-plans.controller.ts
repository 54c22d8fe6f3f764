import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@dondoc/domain/shared';
import { PlanListQuery } from '@dondoc/read-models/plans/plan-list.query';
import { PageQueryDto, decodeOffset, encodeOffset } from '../../application/offset-page';
import { ReadScope } from '../../application/read-scope';
import { CurrentActor } from '../../http/auth/current-actor.decorator';
import { PlanListResponseDto } from './plan-list.response.dto';

@ApiTags('plans')
@ApiBearerAuth()
@Controller('v1/plans')
export class ListPlansController {
  constructor(
    private readonly plans: PlanListQuery,
    private readonly scope: ReadScope,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The plans in scope (issued within the reader’s subtree or by an office above it), newest period first, with their progress',
  })
  @ApiOkResponse({ type: PlanListResponseDto })
  async list(@Query() q: PageQueryDto, @CurrentActor() actor: Actor): Promise<PlanListResponseDto> {
    const limit = q.limit ?? 50;
    const offset = q.cursor ? decodeOffset(q.cursor) : 0;
    // An officer sees the plans of its office and those above it; a leader or inspector also those issued within its subtree.
    const rows = await this.plans.visibleFrom(await this.scope.rootPath(actor), actor.role !== 'officer', limit + 1, offset);
    return { items: rows.slice(0, limit), nextCursor: rows.length > limit ? encodeOffset(offset + limit) : null };
  }
}
