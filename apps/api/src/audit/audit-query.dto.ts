import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { OFFICE_CODE, officeCodeMessage } from '../http/validators';

const POSITION = /^[1-9]\d{0,18}$/;
const positionMessage = (field: string) => ({ message: `${field} must be a global position (a whole number from 1)` });

export class AuditEventsQueryDto {
  @ApiPropertyOptional({ description: 'one stream, e.g. task-<uuid>' }) @IsOptional() @IsString() @MaxLength(200) stream?: string;
  @ApiPropertyOptional({ description: 'that office and every office under it' })
  @IsOptional()
  @Matches(OFFICE_CODE, officeCodeMessage('office'))
  office?: string;
  @ApiPropertyOptional({ description: 'the actor’s user id (sub)' }) @IsOptional() @IsString() @MaxLength(200) actor?: string;
  @ApiPropertyOptional({ description: 'an event type, or several separated by commas' })
  @IsOptional()
  @Matches(/^[A-Za-z]+(,[A-Za-z]+)*$/, { message: 'type must be event types separated by commas' })
  type?: string;
  @ApiPropertyOptional({ description: 'recorded at or after (date: start of that day, Asia/Ho_Chi_Minh; or an instant)' })
  @IsOptional()
  @IsString()
  from?: string;
  @ApiPropertyOptional({ description: 'recorded at or before (date: end of that day; or an instant)' })
  @IsOptional()
  @IsString()
  to?: string;
  @ApiPropertyOptional({ description: 'continue after this global position (in log order)' })
  @IsOptional()
  @Matches(POSITION, positionMessage('after'))
  after?: string;
  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({ description: 'opaque, from nextCursor' }) @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

export class AuditVerifyQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(POSITION, positionMessage('fromPosition')) fromPosition?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(POSITION, positionMessage('toPosition')) toPosition?: string;
}

export class AuditFlagsQueryDto {
  @ApiPropertyOptional({ enum: ['backdated'], default: 'backdated' }) @IsOptional() @IsIn(['backdated']) kind?: 'backdated';
  @ApiPropertyOptional({ description: 'recorded at or after (date or instant)' }) @IsOptional() @IsString() from?: string;
  @ApiPropertyOptional({ description: 'recorded at or before (date or instant)' }) @IsOptional() @IsString() to?: string;
  @ApiPropertyOptional({ description: 'lead office and every office under it' })
  @IsOptional()
  @Matches(OFFICE_CODE, officeCodeMessage('office'))
  office?: string;
  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({ description: 'opaque, from nextCursor' }) @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

export class AuditExportQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'the plan and all its tasks' }) @IsOptional() @IsUUID() plan?: string;
  @ApiPropertyOptional({ description: 'every stream of that office’s subtree' })
  @IsOptional()
  @Matches(OFFICE_CODE, officeCodeMessage('office'))
  office?: string;
  @ApiPropertyOptional({ enum: ['jsonl', 'csv'], default: 'jsonl' }) @IsOptional() @IsIn(['jsonl', 'csv']) format?: 'jsonl' | 'csv';
}
