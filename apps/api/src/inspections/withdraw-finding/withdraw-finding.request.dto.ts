import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class WithdrawFindingRequestDto {
  @ApiProperty() @IsString() @Length(1, 5000) reason!: string;
}
