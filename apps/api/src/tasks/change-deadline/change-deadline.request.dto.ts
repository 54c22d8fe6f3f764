import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsLocalDate } from '../../http/validators';

export class ChangeDeadlineRequestDto {
  @ApiProperty({ example: '2024-09-30' }) @IsLocalDate() dueOn!: string;
  @ApiProperty() @IsString() @Length(1, 5000) reason!: string;
}
