import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

export class PlanReadQueryDto {
  @ApiPropertyOptional({ description: 'date (end of that day, Asia/Ho_Chi_Minh) or ISO instant; default now' })
  @IsOptional()
  @IsString()
  asOf?: string;

  @ApiPropertyOptional({ description: 'inspectors and admins: the plan as recorded by this instant (a date: the end of that day)' })
  @IsOptional()
  @IsString()
  knownAt?: string;
}
