import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsLocalDate } from '../http/validators';

export class ParseDeadlineQueryDto {
  @ApiProperty({ description: 'the deadline as printed; blank is a conditional (no deadline yet)', example: 'Quý III/2027' })
  @IsString()
  @MaxLength(500)
  phrase!: string;

  @ApiPropertyOptional({
    description: "the day the task is assigned (fills in a year a one-year plan's phrase leaves out)",
    example: '2026-03-01',
  })
  @IsOptional()
  @IsLocalDate()
  assignedOn?: string;

  @ApiPropertyOptional({ description: "the plan's last day: where ongoing duties end unless the phrase says", example: '2030-12-31' })
  @IsOptional()
  @IsLocalDate()
  planEnd?: string;
}
