import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { ROLES, Role } from '@dondoc/domain/shared';
import { OFFICE_CODE, officeCodeMessage } from '../http/validators';

export class GrantDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES as unknown as string[])
  role!: Role;

  @ApiProperty({ example: 'SH-NV' })
  @IsString()
  @Matches(OFFICE_CODE, officeCodeMessage('office'))
  office!: string;
}

export class RegisterUserRequestDto {
  @ApiProperty({ example: 'nguyenvana' })
  @IsString()
  @Length(3, 64)
  username!: string;

  @ApiProperty({ example: 'Nguyễn Văn A' })
  @IsString()
  @Length(1, 500)
  name!: string;

  @ApiPropertyOptional({ example: 'a.nguyen@sonha.example.vn' })
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiProperty({ type: [GrantDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => GrantDto)
  grants!: GrantDto[];

  @ApiPropertyOptional({ description: 'the user’s own password (no change forced); without it a one-time password is returned' })
  @IsOptional()
  @IsString()
  @Length(1, 1024)
  password?: string;
}

export class ReasonRequestDto {
  @ApiProperty({ example: 'Nghỉ hưu' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

export class EnableRequestDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reason?: string;
}

export class UsersListQueryDto {
  @ApiPropertyOptional({ example: 'UBND-SH' })
  @IsOptional()
  @IsString()
  @Matches(OFFICE_CODE, officeCodeMessage('office'))
  office?: string;
}
