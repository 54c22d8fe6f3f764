import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsNumber, IsOptional, IsString, IsUrl, Length, Matches, ValidateNested } from 'class-validator';
import { IsLocalDate, OCCURRENCE_KEY, OCCURRENCE_KEY_MESSAGE } from '../../http/validators';

export class EvidenceDto {
  @ApiPropertyOptional({ description: 'an uploaded file (POST /v1/files): its id, the SHA-256 of its bytes' })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/, { message: 'fileId is the id POST /v1/files answered (64 hex digits)' })
  fileId?: string;
  @ApiPropertyOptional({ example: '117/BC-UBND' }) @IsOptional() @IsString() @Length(1, 200) documentNumber?: string;
  @ApiPropertyOptional() @IsOptional() @IsUrl({ require_protocol: true }) url?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 1000) title?: string;
}

export class ReportCompletionRequestDto {
  @ApiPropertyOptional({ description: 'default: today (Asia/Ho_Chi_Minh)' }) @IsOptional() @IsLocalDate() completedOn?: string;
  @ApiProperty() @IsString() @Length(1, 5000) note!: string;
  @ApiPropertyOptional({ type: [EvidenceDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => EvidenceDto)
  evidence?: EvidenceDto[];
  @ApiPropertyOptional() @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) achievedValue?: number;
  @ApiPropertyOptional({ description: 'period key of a recurring task: 2024-03, 2024-Q1, 2024-H1 or 2024' })
  @IsOptional()
  @Matches(OCCURRENCE_KEY, { message: OCCURRENCE_KEY_MESSAGE })
  occurrence?: string;
}
