import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, forbidden } from '@dondoc/domain/shared';
import { ReadScope } from '../../application/read-scope';
import { CurrentActor } from '../../http/auth/current-actor.decorator';
import { SearchRecordsQuery } from './search-records.query';
import { SearchRecordsQueryDto, SearchRecordsResponseDto } from './search-records.query.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
export class SearchRecordsController {
  constructor(
    private readonly records: SearchRecordsQuery,
    private readonly scope: ReadScope,
  ) {}

  @Get('search')
  @ApiOperation({
    summary: 'Find offices, plans and tasks in scope by words of their name, a code, a criterion or a document number (inspector, admin)',
  })
  @ApiOkResponse({ type: SearchRecordsResponseDto })
  async search(@Query() q: SearchRecordsQueryDto, @CurrentActor() actor: Actor): Promise<SearchRecordsResponseDto> {
    if (actor.role !== 'inspector' && actor.role !== 'admin')
      throw forbidden('AUDIT_ROLE_REQUIRED', 'the audit trail is for inspectors and admins');
    return { items: await this.records.search(q.q, await this.scope.rootPath(actor), q.limit ?? 20) };
  }
}
