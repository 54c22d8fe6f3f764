import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DeadlineReading, parseDeadlinePhrase } from '@dondoc/domain/deadline';
import { ParseDeadlineQueryDto } from './parse-deadline.query.dto';

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('v1/deadlines')
export class DeadlinesController {
  @Get('parse')
  @ApiOperation({
    summary: 'How a printed deadline is read (any signed-in user; the web form shows it live)',
    description:
      'kind: date | recurring | openEnded | conditional. Text that names a date that cannot be pinned down is 400 DEADLINE_PHRASE_UNREADABLE quoting it.',
  })
  @ApiOkResponse({ description: '{ phrase, kind, dueOn?, recurrence?: { every, until?, from?, on?, before? }, note }' })
  parse(@Query() q: ParseDeadlineQueryDto): Omit<DeadlineReading, 'startsOn'> {
    // `startsOn` is for the import's warning; the answer is API.md's shape.
    const { startsOn: _startsOn, ...reading } = parseDeadlinePhrase(q.phrase, 'phrase', { assignedOn: q.assignedOn, planEnd: q.planEnd });
    return reading;
  }
}
