import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { OFFICE_CODE, officeCodeMessage } from '../../http/validators';

export class ReassignTaskRequestDto {
  @ApiProperty({ example: 'SH-VP' }) @Matches(OFFICE_CODE, officeCodeMessage('lead')) lead!: string;
  @ApiProperty() @IsString() @Length(1, 5000) reason!: string;
}
