import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { RequireRole } from '../../http/auth/route-policy.decorator';
import { SECURITY_EVENT_KINDS, SecurityEventKind, SecurityLog } from './security-log';

export class SecurityLogQueryDto {
  @ApiPropertyOptional({ enum: SECURITY_EVENT_KINDS, description: 'one kind only (e.g. sign-in-failed); all kinds when absent' })
  @IsOptional()
  @IsIn(SECURITY_EVENT_KINDS as unknown as string[], { message: `kind must be one of ${SECURITY_EVENT_KINDS.join(', ')}` })
  kind?: SecurityEventKind;

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'the nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'cursor is the nextCursor of a previous page' })
  cursor?: string;
}

export class SecurityLogEntryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: SECURITY_EVENT_KINDS }) kind!: string;
  @ApiProperty({ type: String, nullable: true }) username!: string | null;
  @ApiProperty({ type: String, nullable: true }) userId!: string | null;
  @ApiProperty({ type: String, nullable: true }) ip!: string | null;
  @ApiProperty({ type: String, nullable: true }) detail!: string | null;
}

export class SecurityLogPageDto {
  @ApiProperty({ type: [SecurityLogEntryDto] }) items!: SecurityLogEntryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

/** The sign-in security log (admin): who tried to sign in, from where, and what came of it. Never a password. */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('v1/security-log')
export class SecurityLogController {
  constructor(private readonly log: SecurityLog) {}

  @Get()
  @RequireRole('admin')
  @ApiOperation({ summary: 'The security log, newest first (admin): failed sign-ins, throttling, sign-ins and outs, password changes' })
  @ApiOkResponse({ type: SecurityLogPageDto })
  async list(@Query() q: SecurityLogQueryDto): Promise<SecurityLogPageDto> {
    const limit = q.limit ?? 50;
    const rows = await this.log.list({ kinds: q.kind ? [q.kind] : null, limit: limit + 1, before: q.cursor });
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => ({ ...r, at: r.at.toISOString() })),
      nextCursor: rows.length > limit ? page[page.length - 1].id : null,
    };
  }
}
