import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { TASK_STATUSES } from '@dondoc/domain/task';
import { IsLocalDate, OFFICE_CODE, officeCodeMessage } from '../http/validators';
import { TABLE_FORMATS } from '../reports/export-report/export-format';

export class TaskReadQueryDto {
  @ApiPropertyOptional({ description: 'classify as of this date (end of day, Asia/Ho_Chi_Minh) or ISO instant; default now' })
  @IsOptional()
  @IsString()
  asOf?: string;

  @ApiPropertyOptional({ description: 'inspector/admin: only events recorded by this instant' })
  @IsOptional()
  @IsString()
  knownAt?: string;
}

export class TaskListQueryDto extends TaskReadQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() plan?: string;
  @ApiPropertyOptional({ description: 'lead office and every office under it' })
  @IsOptional()
  @Matches(OFFICE_CODE, officeCodeMessage('office'))
  office?: string;
  @ApiPropertyOptional({ enum: TASK_STATUSES }) @IsOptional() @IsIn(TASK_STATUSES as unknown as string[]) status?: string;
  @ApiPropertyOptional({ example: '1.3' })
  @IsOptional()
  @Matches(/^\d+(\.\d+)*$/, { message: 'criterion must be a code such as 1.3.2' })
  criterion?: string;
  @ApiPropertyOptional({ example: '2024-07-01' }) @IsOptional() @IsLocalDate() dueBefore?: string;
  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() cursor?: string;
  @ApiPropertyOptional({
    enum: TABLE_FORMATS,
    default: 'json',
    description:
      'json (a page), or every task the filters select as a file, streamed: xlsx or csv (UTF-8 with BOM); limit and cursor do not apply',
  })
  @IsOptional()
  @IsIn(TABLE_FORMATS as unknown as string[], { message: `format must be one of ${TABLE_FORMATS.join(', ')}` })
  format?: string;
}
