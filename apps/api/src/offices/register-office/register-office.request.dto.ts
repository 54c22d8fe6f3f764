import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { OFFICE_LEVELS, OfficeLevel } from '@dondoc/domain/office';

const CODE = /^[A-Za-z0-9_-]{1,64}$/;

export class RegisterOfficeRequestDto {
  @ApiProperty({ example: 'SH-NV', description: 'letters, digits, - and _' })
  @IsString()
  @Matches(CODE, { message: 'code must be 1 to 64 letters, digits, - or _' })
  code!: string;

  @ApiProperty({ example: 'Phòng Nội vụ huyện' })
  @IsString()
  @Length(1, 500)
  name!: string;

  @ApiPropertyOptional({ example: 'UBND-SH' })
  @IsOptional()
  @IsString()
  @Matches(CODE, { message: 'parent must be an office code' })
  parent?: string;

  @ApiPropertyOptional({ enum: OFFICE_LEVELS })
  @IsOptional()
  @IsIn(OFFICE_LEVELS as unknown as string[])
  level?: OfficeLevel;

  @ApiPropertyOptional({ example: 'noivu@sonha.example.vn' })
  @IsOptional()
  @IsEmail()
  email?: string;
}
