import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ROLES, Role } from '@dondoc/domain/shared';
import { OFFICE_CODE, officeCodeMessage } from '../http/validators';

export class SignInRequestDto {
  @ApiProperty({ example: 'nguyenvana' })
  @IsString()
  @Length(1, 200)
  username!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 1024)
  password!: string;
}

export class SwitchGrantRequestDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES as unknown as string[])
  role!: Role;

  @ApiProperty({ example: 'UBND-SH' })
  @IsString()
  @Matches(OFFICE_CODE, officeCodeMessage('office'))
  office!: string;
}

export class ChangePasswordRequestDto {
  @ApiProperty()
  @IsString()
  @Length(1, 1024)
  current!: string;

  @ApiProperty({ description: 'at least 10 characters, not one of the most common passwords' })
  @IsString()
  @Length(1, 1024)
  next!: string;
}

export class SetupRequestDto {
  @ApiProperty({ description: 'the code printed at start-up' })
  @IsString()
  @Length(1, 200)
  code!: string;

  @ApiProperty({ example: 'admin' })
  @IsString()
  @Length(3, 64)
  username!: string;

  @ApiProperty({ example: 'Quản trị hệ thống' })
  @IsString()
  @Length(1, 500)
  name!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 1024)
  password!: string;

  @ApiPropertyOptional({ description: 'the office of the admin grant (default ROOT); it need not exist yet' })
  @IsOptional()
  @IsString()
  @Matches(OFFICE_CODE, officeCodeMessage('office'))
  office?: string;
}
