import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { EvidenceDto } from '../../tasks/report-completion/report-completion.request.dto';

export class ResolveFindingRequestDto {
  @ApiProperty({ description: 'how it was resolved' }) @IsString() @Length(1, 5000) note!: string;
  @ApiPropertyOptional({ type: [EvidenceDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => EvidenceDto)
  evidence?: EvidenceDto[];
}
