import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class ImportFindingsQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: every row as understood, nothing written' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'dryRun is true or false' })
  dryRun?: string;
}
