import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class CancelInspectionRequestDto {
  @ApiProperty() @IsString() @Length(1, 5000) reason!: string;
}
