import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class MergePreviewQueryDto {
  @ApiProperty({ example: 'SH-VHTT', description: 'the successor office' })
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'into must be an office code' })
  into!: string;
}
