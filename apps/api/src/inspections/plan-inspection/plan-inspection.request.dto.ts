import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { OFFICE_CODE, officeCodeMessage } from '../../http/validators';
import { PeriodDto } from '../../plans/adopt-plan/adopt-plan.request.dto';

export const CRITERION = /^\d+(\.\d+)*$/;

export class PlanInspectionRequestDto {
  @ApiPropertyOptional({ example: 'KT-CCHC-2024' }) @IsOptional() @IsString() @Length(1, 128) code?: string;
  @ApiProperty({ example: 'Kiểm tra công tác cải cách hành chính năm 2024' }) @IsString() @Length(1, 2000) title!: string;
  @ApiProperty({ example: 'SH-NV' }) @Matches(OFFICE_CODE, officeCodeMessage('inspectingOffice')) inspectingOffice!: string;
  @ApiProperty({ type: [String], example: ['SH-VP', 'SH-X-SONHA'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @Matches(OFFICE_CODE, { each: true, message: 'offices must list office codes' })
  offices!: string[];
  @ApiProperty({ type: PeriodDto }) @ValidateNested() @Type(() => PeriodDto) period!: PeriodDto;
  @ApiPropertyOptional({ type: [String], example: ['1.3', '7.3.3.2'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(CRITERION, { each: true, message: 'criteria must list codes such as 1.3.2' })
  criteria?: string[];
  @ApiPropertyOptional({ format: 'uuid', description: 'the plan the inspection carries out; its remediation tasks go there by default' })
  @IsOptional()
  @IsUUID()
  plan?: string;
  @ApiPropertyOptional({ example: 'KT', description: 'a target of unit count of that plan, measured by the offices inspected' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  target?: string;
}
