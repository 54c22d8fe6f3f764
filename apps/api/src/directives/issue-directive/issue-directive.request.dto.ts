import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, Length, Matches, IsOptional } from 'class-validator';
import { IsLocalDate, OFFICE_CODE, officeCodeMessage } from '../../http/validators';

export class IssueDirectiveRequestDto {
  @ApiProperty({ example: '2249/QĐ-UBND' })
  @IsString()
  @Length(1, 100)
  number!: string;

  @ApiProperty({
    example: 'Quyết định',
    description: 'Quyết định, Kế hoạch, Công văn, Chỉ thị, Nghị quyết, Chương trình, Thông báo, Kết luận',
  })
  @IsString()
  @Length(1, 50)
  kind!: string;

  @ApiProperty({ example: '2024-01-15' })
  @IsLocalDate()
  issuedOn!: string;

  @ApiProperty({ example: 'UBND-SH' })
  @Matches(OFFICE_CODE, officeCodeMessage('issuer'))
  issuer!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 2000)
  title!: string;

  @ApiPropertyOptional({ type: [String], example: ['57/QĐ-UBND'], description: 'numbers of the directives it implements' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  basis?: string[];
}
