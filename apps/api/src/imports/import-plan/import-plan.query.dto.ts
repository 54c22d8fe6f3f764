import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

/** Plan fields as query parameters: they complete or override the file's (docs/IMPORT.md). */
export class ImportPlanQueryDto {
  @ApiPropertyOptional({ example: 'SH-KHACPHUC-2024' }) @IsOptional() @IsString() @Length(1, 64) code?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 2000) title?: string;
  @ApiPropertyOptional({ example: 'UBND-SH' }) @IsOptional() @IsString() @Length(1, 64) issuer?: string;
  @ApiPropertyOptional({ description: 'number of the directive adopting the plan', example: 'KH-KHACPHUC-2024' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  directive?: string;
  @ApiPropertyOptional({ example: '2024-01-01' }) @IsOptional() @IsString() @Length(1, 32) from?: string;
  @ApiPropertyOptional({ example: '2024-12-31' }) @IsOptional() @IsString() @Length(1, 32) to?: string;
  @ApiPropertyOptional({ description: 'the back-fill date: events happen at 08:00 that day', example: '2024-01-15' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  assignedOn?: string;
  @ApiPropertyOptional({ example: 'SH-NV' }) @IsOptional() @IsString() @Length(1, 64) followUp?: string;
  @ApiPropertyOptional({ description: 'có/không, yes/no, true/false' }) @IsOptional() @IsString() @Length(1, 8) requiresAcceptance?: string;
  @ApiPropertyOptional({
    description: 'the uploaded file’s name, kept in the import’s record (GET /v1/imports)',
    example: 'ke-hoach-khac-phuc-2024.xlsx',
  })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  fileName?: string;
  @ApiPropertyOptional({ description: 'true: answer how every row is understood and write nothing', enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'dryRun is true or false' })
  dryRun?: string;
}
