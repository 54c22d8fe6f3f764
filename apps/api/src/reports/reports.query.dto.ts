import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { PERIOD_PRESETS, ROUNDINGS } from '@dondoc/domain/counting';
import { GROUP_BYS } from '@dondoc/read-models/reports/report-model';
import { FINDING_GROUP_BYS } from '@dondoc/read-models/inspections/findings-report';
import { IsLocalDate, OFFICE_CODE, officeCodeMessage } from '../http/validators';
import { COMPLETION_FORMATS, TABLE_FORMATS } from './export-report/export-format';

const AS_OF = 'classify as of this date (end of that day, Asia/Ho_Chi_Minh) or ISO instant; default now (or knownAt when given)';
const KNOWN_AT = 'inspector/admin only: answer from the events recorded by this date (end of day) or instant';

export class ReportTimeQueryDto {
  @ApiPropertyOptional({ description: AS_OF, example: '2024-06-14' })
  @IsOptional()
  @IsString()
  asOf?: string;

  @ApiPropertyOptional({ description: KNOWN_AT })
  @IsOptional()
  @IsString()
  knownAt?: string;
}

const FORMAT =
  'json (default) or a file: xlsx (title block, frozen header, percentages as numbers with numerator and denominator) or csv (UTF-8 with BOM)';

export class ReportScopeQueryDto extends ReportTimeQueryDto {
  @ApiPropertyOptional({ description: 'lead office and every office under it', example: 'SH-NV' })
  @IsOptional()
  @Matches(OFFICE_CODE, officeCodeMessage('office'))
  office?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'plan must be a plan id (UUID)' })
  plan?: string;
}

export class OverdueReportQueryDto extends ReportScopeQueryDto {
  @ApiPropertyOptional({ enum: TABLE_FORMATS, default: 'json', description: FORMAT })
  @IsOptional()
  @IsIn(TABLE_FORMATS as unknown as string[], { message: `format must be one of ${TABLE_FORMATS.join(', ')}` })
  format?: string;
}

export class CompletionReportQueryDto extends ReportScopeQueryDto {
  @ApiPropertyOptional({
    enum: COMPLETION_FORMATS,
    default: 'json',
    description: `${FORMAT}; docx: a Word report (Decree 30/2020 layout); pdf: that report through LibreOffice, 501 when the server has none`,
  })
  @IsOptional()
  @IsIn(COMPLETION_FORMATS as unknown as string[], { message: `format must be one of ${COMPLETION_FORMATS.join(', ')}` })
  format?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'tasks of the plans adopted by this directive' })
  @IsOptional()
  @IsUUID('all', { message: 'directive must be a directive id (UUID)' })
  directive?: string;

  @ApiPropertyOptional({ enum: GROUP_BYS, default: 'office' })
  @IsOptional()
  @IsIn(GROUP_BYS as unknown as string[], { message: `groupBy must be one of ${GROUP_BYS.join(', ')}` })
  groupBy?: string;

  @ApiPropertyOptional({ description: 'period start (inclusive): items due from this date', example: '2022-12-15' })
  @IsOptional()
  @IsLocalDate()
  from?: string;

  @ApiPropertyOptional({ description: 'period end (inclusive); default asOf’s date when from is given', example: '2023-06-14' })
  @IsOptional()
  @IsLocalDate()
  to?: string;

  @ApiPropertyOptional({
    enum: PERIOD_PRESETS,
    description: 'the preset period that contains asOf (cut-off on the 14th, or calendar); not with from/to',
  })
  @IsOptional()
  @IsIn(PERIOD_PRESETS as unknown as string[], { message: `period must be one of ${PERIOD_PRESETS.join(', ')}` })
  period?: string;

  @ApiPropertyOptional({ enum: ROUNDINGS, default: 'halfUp' })
  @IsOptional()
  @IsIn(ROUNDINGS as unknown as string[], { message: 'rounding must be halfUp or truncate' })
  rounding?: string;
}

export class TargetsReportQueryDto {
  @ApiPropertyOptional({ enum: TABLE_FORMATS, default: 'json', description: FORMAT })
  @IsOptional()
  @IsIn(TABLE_FORMATS as unknown as string[], { message: `format must be one of ${TABLE_FORMATS.join(', ')}` })
  format?: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'plan must be a plan id (UUID)' })
  plan!: string;

  @ApiPropertyOptional({
    description: 'the measurement standing on this date (or the date of this instant); default today',
    example: '2024-06-30',
  })
  @IsOptional()
  @IsString()
  asOf?: string;

  @ApiPropertyOptional({ enum: ROUNDINGS, default: 'halfUp' })
  @IsOptional()
  @IsIn(ROUNDINGS as unknown as string[], { message: 'rounding must be halfUp or truncate' })
  rounding?: string;
}

export class FindingsReportQueryDto extends ReportTimeQueryDto {
  @ApiPropertyOptional({ enum: TABLE_FORMATS, default: 'json', description: FORMAT })
  @IsOptional()
  @IsIn(TABLE_FORMATS as unknown as string[], { message: `format must be one of ${TABLE_FORMATS.join(', ')}` })
  format?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the findings of one inspection' })
  @IsOptional()
  @IsUUID('all', { message: 'inspection must be an inspection id (UUID)' })
  inspection?: string;

  @ApiPropertyOptional({ description: 'inspected office and every office under it', example: 'SH-VP' })
  @IsOptional()
  @Matches(OFFICE_CODE, officeCodeMessage('office'))
  office?: string;

  @ApiPropertyOptional({ enum: FINDING_GROUP_BYS, default: 'office' })
  @IsOptional()
  @IsIn(FINDING_GROUP_BYS as unknown as string[], { message: `groupBy must be one of ${FINDING_GROUP_BYS.join(', ')}` })
  groupBy?: string;

  @ApiPropertyOptional({ enum: ROUNDINGS, default: 'halfUp' })
  @IsOptional()
  @IsIn(ROUNDINGS as unknown as string[], { message: 'rounding must be halfUp or truncate' })
  rounding?: string;
}
