import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { INDEX_LEVELS, ROUNDINGS } from '@dondoc/domain/counting';
import { OFFICE_CODE, officeCodeMessage } from '../http/validators';
import { IsDecimalInput } from '../plans/decimal-input.validator';

export class IndexAreaDto {
  @ApiProperty({ example: '1' }) @IsString() @Length(1, 32) code!: string;
  @ApiProperty({ example: 'Công tác chỉ đạo, điều hành CCHC' }) @IsString() @Length(1, 500) name!: string;
  @ApiProperty({ description: 'max points, number or decimal string', example: '10.5' }) @IsDecimalInput() max!: number | string;
}

export class IndexCriterionDto {
  @ApiProperty({ example: '7.3.3.2' }) @IsString() @Length(1, 32) code!: string;
  @ApiProperty() @IsString() @Length(1, 500) name!: string;
  @ApiPropertyOptional({ example: '0.5' }) @IsOptional() @IsDecimalInput() max?: number | string;
}

export class RegisterIndexFrameworkDto {
  @ApiProperty({ example: 'PAR_INDEX' }) @IsString() @Length(1, 32) code!: string;
  @ApiProperty({ example: 2023 }) @IsInt() @Min(1990) @Max(2200) year!: number;
  @ApiProperty({ enum: INDEX_LEVELS }) @IsIn(INDEX_LEVELS as unknown as string[]) level!: string;
  @ApiPropertyOptional({ example: 'Chỉ số CCHC cấp huyện' }) @IsOptional() @IsString() @Length(1, 500) name?: string;

  @ApiProperty({ type: [IndexAreaDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => IndexAreaDto)
  areas!: IndexAreaDto[];

  @ApiPropertyOptional({ type: [IndexCriterionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => IndexCriterionDto)
  criteria?: IndexCriterionDto[];

  @ApiPropertyOptional({ description: 'points of the SIPAS survey on top of the areas', example: 28 })
  @IsOptional()
  @IsDecimalInput()
  sipasMax?: number | string;
}

/** PATCH: what is given replaces the current value; `null` clears the name or the SIPAS component. */
export class AmendIndexFrameworkDto {
  @ApiPropertyOptional({ type: String, example: 'Chỉ số CCHC cấp huyện', nullable: true, description: 'null clears it' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  name?: string | null;

  @ApiPropertyOptional({ type: [IndexAreaDto], description: 'the whole list of areas, as corrected' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => IndexAreaDto)
  areas?: IndexAreaDto[];

  @ApiPropertyOptional({ type: [IndexCriterionDto], description: 'the whole list of criteria, as corrected' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => IndexCriterionDto)
  criteria?: IndexCriterionDto[];

  @ApiPropertyOptional({
    oneOf: [{ type: 'number' }, { type: 'string' }],
    example: 28,
    nullable: true,
    description: 'null removes the SIPAS component',
  })
  @IsOptional()
  @IsDecimalInput()
  sipasMax?: number | string | null;

  @ApiProperty({ example: 'Đính chính theo Quyết định công bố' }) @IsString() @Length(1, 2000) reason!: string;
}

export class RecordIndexScoresDto {
  @ApiProperty({ example: 'UBND-BS', description: 'the unit (office) scored' })
  @Matches(OFFICE_CODE, officeCodeMessage('unit'))
  unit!: string;
  @ApiProperty({ description: 'points per area code', example: { '1': '9.2', '2': '4.5' } }) @IsObject() scores!: Record<
    string,
    number | string
  >;
  @ApiPropertyOptional({ example: '19.58' }) @IsOptional() @IsDecimalInput() sipas?: number | string;
  @ApiPropertyOptional({ description: 'checked against the sum of the parts', example: '82.84' }) @IsOptional() @IsDecimalInput() total?:
    number | string;
  @ApiPropertyOptional({ example: '6/13' }) @IsOptional() @IsString() @Length(1, 32) rank?: string;
  @ApiPropertyOptional({ example: 'QĐ công bố Chỉ số CCHC 2023' }) @IsOptional() @IsString() @Length(1, 1000) source?: string;
}

export class FrameworkReadQueryDto {
  @ApiPropertyOptional({ enum: ROUNDINGS, default: 'halfUp' })
  @IsOptional()
  @IsIn(ROUNDINGS as unknown as string[], { message: 'rounding must be halfUp or truncate' })
  rounding?: string;
}

export class PlanAreasQueryDto extends FrameworkReadQueryDto {
  @ApiProperty({ example: 'PAR_INDEX' }) @IsString() @Length(1, 32) framework!: string;
  @ApiProperty({ example: '2023' }) @Matches(/^\d{4}$/, { message: 'year must be a year such as 2023' }) year!: string;
  @ApiProperty({ enum: INDEX_LEVELS })
  @IsIn(INDEX_LEVELS as unknown as string[], { message: `level must be one of ${INDEX_LEVELS.join(', ')}` })
  level!: string;
  @ApiPropertyOptional({ description: 'the unit whose scores to show; default the plan’s issuer' })
  @IsOptional()
  @Matches(OFFICE_CODE, officeCodeMessage('unit'))
  unit?: string;
  @ApiPropertyOptional({ description: 'task status as of this date (end of day) or instant; default now' })
  @IsOptional()
  @IsString()
  asOf?: string;
}
