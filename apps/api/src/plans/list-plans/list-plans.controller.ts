import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@dondoc/domain/shared';
import { PlanListQuery } from '@dondoc/read-models/plans/plan-list.query';
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
  @ApiOperation({ summary: 'The plans in scope (issued within the reader’s subtree or by an office above it), newest period first, with their progress' })
  @ApiOkResponse({ type: PlanListResponseDto })
  async list(@CurrentActor() actor: Actor): Promise<PlanListResponseDto> {
    return { items: await this.plans.visibleFrom(await this.scope.rootPath(actor), 500) };
  }
}
