import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

export class AcceptCompletionRequestDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 5000) note?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{4}-(\d{2}|Q[1-4])$/) occurrence?: string;
}
