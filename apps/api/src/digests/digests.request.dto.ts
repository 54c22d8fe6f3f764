import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { OFFICE_CODE, officeCodeMessage } from '../http/validators';

const WEEK = /^\d{4}-W\d{2}$/;
const WEEK_MESSAGE = { message: 'week must be an ISO week such as 2024-W14' };

export class DigestListQueryDto {
  @ApiPropertyOptional({ example: '2024-W14', description: 'ISO week (Monday to Sunday, Asia/Ho_Chi_Minh)' })
  @IsOptional()
  @Matches(WEEK, WEEK_MESSAGE)
  week?: string;

  @ApiPropertyOptional({ example: 'UBND-SH', description: 'that office and every office under it (an officer: its own office only)' })
  @IsOptional()
  @Matches(OFFICE_CODE, officeCodeMessage('office'))
  office?: string;

  @ApiPropertyOptional({ default: 1000, maximum: 5000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  limit?: number;
}

export class RunDigestsRequestDto {
  @ApiPropertyOptional({ example: '2024-W14', description: 'ISO week; default the current week in Asia/Ho_Chi_Minh' })
  @IsOptional()
  @Matches(WEEK, WEEK_MESSAGE)
  week?: string;
}
