import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { IsLocalDate, OFFICE_CODE, officeCodeMessage } from '../../http/validators';

export class RecordConductedRequestDto {
  @ApiProperty({ example: 'SH-VP', description: 'an office the inspection covers' })
  @Matches(OFFICE_CODE, officeCodeMessage('office'))
  office!: string;
  @ApiProperty({ example: '2024-03-10', description: 'the day of the visit' }) @IsLocalDate() on!: string;
}
