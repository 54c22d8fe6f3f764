import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min, MinLength, IsOptional } from 'class-validator';

export class SearchRecordsQueryDto {
  @ApiProperty({
    description: 'words of a title or name, a plan or office code, a criterion (1.3.2) or a document number (117/BC-UBND)',
    minLength: 2,
    maxLength: 200,
  })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  q!: string;

  @ApiPropertyOptional({ default: 20, maximum: 100, description: 'at most this many of each kind' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class SearchHitDto {
  @ApiProperty({ enum: ['office', 'plan', 'task'] }) kind!: 'office' | 'plan' | 'task';
  @ApiProperty({ description: 'task or plan id; office code' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'the office it belongs to: lead (task), issuer (plan), parent (office)', type: String, nullable: true })
  office!: string | null;
  @ApiProperty({ description: 'what matched besides the title: a code, criterion or document number', type: String, nullable: true })
  matched!: string | null;
}

export class SearchRecordsResponseDto {
  @ApiProperty({ type: [SearchHitDto] }) items!: SearchHitDto[];
}
