import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { OCCURRENCE_KEY, OCCURRENCE_KEY_MESSAGE } from '../../http/validators';

export class ReturnCompletionRequestDto {
  @ApiProperty() @IsString() @Length(1, 5000) reason!: string;
  @ApiPropertyOptional() @IsOptional() @Matches(OCCURRENCE_KEY, { message: OCCURRENCE_KEY_MESSAGE }) occurrence?: string;
}
