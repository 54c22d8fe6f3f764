import { ApiProperty } from '@nestjs/swagger';

export class FileViewDto {
  @ApiProperty({ description: 'the SHA-256 of the bytes (hex)' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() size!: number;
  @ApiProperty({ example: 'application/pdf' }) type!: string;
  @ApiProperty() sha256!: string;
}
