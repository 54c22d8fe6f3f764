import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PageQueryDto } from '../../application/offset-page';
import { OFFICE_CODE, officeCodeMessage } from '../../http/validators';

export class ListInspectionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'inspections of that office or an office under it, inspecting or inspected' })
  @IsOptional()
  @Matches(OFFICE_CODE, officeCodeMessage('office'))
  office?: string;
}

export class InspectionReadQueryDto {
  @ApiPropertyOptional({ description: 'classify findings as of this date or instant (default now)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}/, { message: 'asOf must be a date (YYYY-MM-DD) or an ISO instant' })
  asOf?: string;
}
