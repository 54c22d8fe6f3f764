import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsLocalDate } from '../../http/validators';
import { IsDecimalInput } from '../decimal-input.validator';

export class MeasureTargetRequestDto {
  @ApiProperty({ description: 'number or decimal string', example: '88.08' })
  @IsDecimalInput()
  value!: number | string;

  @ApiProperty({ example: '2024-06-30' })
  @IsLocalDate()
  asOf!: string;

  @ApiPropertyOptional({ example: '117/BC-UBND' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  source?: string;
}
