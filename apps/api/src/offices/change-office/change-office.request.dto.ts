import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { NullClears } from '../../http/validation.pipe';

export class RenameOfficeRequestDto {
  @ApiProperty({ example: 'Phòng Văn hóa, Thể thao và Du lịch' })
  @IsString()
  @Length(1, 500)
  name!: string;
}

export class MoveOfficeRequestDto {
  @ApiProperty({ example: 'UBND-SH', nullable: true, type: String, description: 'the new parent office; null makes it a root' })
  @NullClears()
  @ValidateIf((_o, v) => v !== null)
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'parent must be an office code or null' })
  parent!: string | null;
}

export class CloseOfficeRequestDto {
  @ApiPropertyOptional({ example: 'Giải thể theo Nghị quyết của HĐND huyện' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reason?: string;
}
