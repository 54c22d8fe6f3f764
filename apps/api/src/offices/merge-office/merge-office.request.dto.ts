import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

export class MergeOfficeRequestDto {
  @ApiProperty({ example: 'SH-VHTT', description: 'the successor office' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'into must be an office code' })
  into!: string;

  @ApiProperty({ example: 'Hợp nhất theo Nghị quyết của HĐND tỉnh' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}
