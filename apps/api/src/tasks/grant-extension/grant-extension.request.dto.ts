import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsLocalDate } from '../../http/validators';

export class GrantExtensionRequestDto {
  @ApiPropertyOptional({ description: 'default: the date asked for' }) @IsOptional() @IsLocalDate() dueOn?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 5000) note?: string;
}
