import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { TARGET_COMPARATORS, TARGET_UNITS } from '@dondoc/domain/counting';
import { IsLocalDate, OFFICE_CODE, officeCodeMessage } from '../../http/validators';
import { IsDecimalInput } from '../decimal-input.validator';

export class PeriodDto {
  @ApiProperty({ example: '2024-01-01' })
  @IsLocalDate()
  from!: string;

  @ApiProperty({ example: '2024-12-31' })
  @IsLocalDate()
  to!: string;
}

export class TargetDto {
  @ApiProperty({ example: 'CT-1' })
  @IsString()
  @Length(1, 64)
  code!: string;

  @ApiProperty({ example: 'Tỷ lệ hồ sơ giải quyết đúng hạn' })
  @IsString()
  @Length(1, 1000)
  name!: string;

  @ApiProperty({ enum: [...TARGET_UNITS] })
  @IsIn([...TARGET_UNITS])
  unit!: string;

  @ApiProperty({ enum: [...TARGET_COMPARATORS] })
  @IsIn([...TARGET_COMPARATORS])
  comparator!: string;

  @ApiPropertyOptional({ description: 'number or decimal string', example: 97 })
  @IsOptional()
  @IsDecimalInput()
  value?: number | string;

  @ApiPropertyOptional({ example: 4 })
  @IsOptional()
  @IsDecimalInput()
  min?: number | string;

  @ApiPropertyOptional({ example: 6 })
  @IsOptional()
  @IsDecimalInput()
  max?: number | string;

  @ApiPropertyOptional({ description: '"more than" instead of "at least" (trên 30 %)' })
  @IsOptional()
  @IsBoolean()
  strict?: boolean;
}

export class AdoptPlanRequestDto {
  @ApiPropertyOptional({ example: 'SH-KHACPHUC-2024' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'code must be 1 to 64 letters, digits, ., - or _' })
  code?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  directiveId?: string;

  @ApiProperty({ example: 'UBND-SH' })
  @Matches(OFFICE_CODE, officeCodeMessage('issuer'))
  issuer!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 2000)
  title!: string;

  @ApiProperty({ type: PeriodDto })
  @ValidateNested()
  @Type(() => PeriodDto)
  period!: PeriodDto;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  requiresAcceptance?: boolean;

  @ApiPropertyOptional({ example: 'SH-NV' })
  @IsOptional()
  @Matches(OFFICE_CODE, officeCodeMessage('followUp'))
  followUp?: string;

  @ApiPropertyOptional({ type: [TargetDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => TargetDto)
  targets?: TargetDto[];
}
