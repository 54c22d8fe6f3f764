import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export class ReportProgressRequestDto {
  @ApiProperty({ example: 'Đã ban hành kế hoạch kiểm tra' }) @IsString() @Length(1, 5000) note!: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 100 }) @IsOptional() @IsInt() @Min(0) @Max(100) percent?: number;
}
