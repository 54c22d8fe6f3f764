import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsLocalDate } from '../../http/validators';

export class ConcludeInspectionRequestDto {
  @ApiProperty({ example: '15/KL-UBND', description: '"Kết luận kiểm tra số …"' }) @IsString() @Length(1, 200) documentNumber!: string;
  @ApiProperty({ example: '2024-03-15' }) @IsLocalDate() concludedOn!: string;
}
