import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsString, Length, ValidateNested } from 'class-validator';
import { PeriodDto } from '../../plans/adopt-plan/adopt-plan.request.dto';

export class RescheduleInspectionRequestDto {
  @ApiProperty({ type: PeriodDto }) @ValidateNested() @Type(() => PeriodDto) period!: PeriodDto;
  @ApiProperty() @IsString() @Length(1, 5000) reason!: string;
}
