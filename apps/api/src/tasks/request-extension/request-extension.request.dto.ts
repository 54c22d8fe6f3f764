import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsLocalDate } from '../../http/validators';

export class RequestExtensionRequestDto {
  @ApiPropertyOptional({ example: '2024-06-30' }) @IsOptional() @IsLocalDate() dueOn?: string;
  @ApiPropertyOptional({ example: 'Trong Quý II 2024' }) @IsOptional() @IsString() @Length(1, 200) deadlinePhrase?: string;
  @ApiProperty() @IsString() @Length(1, 5000) reason!: string;
}
