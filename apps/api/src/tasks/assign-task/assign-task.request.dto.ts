import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { TARGET_COMPARATORS, TARGET_UNITS, TargetComparator, TargetUnit } from '@dondoc/domain/counting';
import { RECURRENCE_EVERY, RecurrenceEvery } from '@dondoc/domain/task';
import { IsLocalDate, OFFICE_CODE, officeCodeMessage } from '../../http/validators';
import { IsDecimalInput } from '../../plans/decimal-input.validator';
import { IsOfficeCodeOrList } from './office-code-or-list.validator';

export class RecurrenceDto {
  @ApiProperty({ enum: RECURRENCE_EVERY })
  @IsIn(RECURRENCE_EVERY)
  every!: RecurrenceEvery;

  @ApiPropertyOptional({ example: '2024-12-31', description: 'last day of the series; may come from deadlinePhrase' })
  @IsOptional()
  @IsLocalDate()
  until?: string;
}

export class TaskTargetDto {
  @ApiProperty() @IsString() @Length(1, 1000) name!: string;
  @ApiProperty({ enum: [...TARGET_UNITS] }) @IsIn([...TARGET_UNITS]) unit!: TargetUnit;
  @ApiProperty({ enum: [...TARGET_COMPARATORS] }) @IsIn([...TARGET_COMPARATORS]) comparator!: TargetComparator;
  @ApiPropertyOptional() @IsOptional() @IsDecimalInput() value?: number;
  @ApiPropertyOptional() @IsOptional() @IsDecimalInput() min?: number;
  @ApiPropertyOptional() @IsOptional() @IsDecimalInput() max?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() strict?: boolean;
}

export class AssignTaskRequestDto {
  @ApiProperty({ example: 'Tham mưu Kế hoạch kiểm tra các cơ quan, đơn vị' })
  @IsString()
  @Length(1, 2000)
  title!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 20000)
  description?: string;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: ['SH-NV'],
    description: 'one task is created per lead office',
  })
  @IsOfficeCodeOrList()
  lead!: string | string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(OFFICE_CODE, { each: true, message: 'supporting must list office codes' })
  supporting?: string[];

  @ApiPropertyOptional({ example: 'SH-NV' })
  @IsOptional()
  @Matches(OFFICE_CODE, officeCodeMessage('followUp'))
  followUp?: string;

  @ApiPropertyOptional({ example: '2024-03-31' })
  @IsOptional()
  @IsLocalDate()
  dueOn?: string;

  @ApiPropertyOptional({ example: 'Trước Quý II năm 2024', description: 'kept as written; an unreadable phrase is 400' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  deadlinePhrase?: string;

  @ApiPropertyOptional({ type: RecurrenceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RecurrenceDto)
  recurrence?: RecurrenceDto;

  @ApiPropertyOptional({ example: '1.3.2' })
  @IsOptional()
  @Matches(/^\d+(\.\d+)*$/, { message: 'criterion must be a code such as 1.3.2' })
  criterion?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 5000)
  expectedOutcome?: string;

  @ApiPropertyOptional({ type: TaskTargetDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TaskTargetDto)
  target?: TaskTargetDto;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  parentTaskId?: string;
}
