import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { lastAnchor } from '@dondoc/event-store';
import { PG_POOL } from '@dondoc/platform';
import { ProjectionLag } from '@dondoc/read-models/projection/projection-lag';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Pool } from 'pg';
import { RequireRole } from '../http/auth/route-policy.decorator';

export class LastAnchorDto {
  @ApiProperty({ description: 'the anchor’s number (version of the anchors stream)' }) version!: number;
  @ApiProperty({ description: 'the last log position it covers' }) toPosition!: string;
  @ApiProperty({ description: 'how many events it covers' }) count!: number;
  @ApiProperty({ description: 'its chained hash, to compare with a copy kept elsewhere' }) anchorHash!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class SystemStatusDto {
  @ApiProperty({ example: '0.1.0' }) version!: string;
  @ApiProperty({ description: 'events committed that the read models have not applied yet' }) lagEvents!: number;
  @ApiProperty({ type: LastAnchorDto, nullable: true }) lastAnchor!: LastAnchorDto | null;
}

/** The version in the project's package.json, found upward from here (src and dist alike). */
function projectVersion(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'dondoc') return pkg.version ?? 'unknown';
  }
  return 'unknown';
}

const VERSION = projectVersion();

/** What an administrator checks of the running system: projection lag, the last anchor, the version. */
@ApiTags('system')
@ApiBearerAuth()
@Controller('v1/system')
export class SystemController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly lag: ProjectionLag,
  ) {}

  @Get()
  @RequireRole('admin')
  @ApiOperation({ summary: 'Projection lag, the last anchor of the log and the version running (admin)' })
  @ApiOkResponse({ type: SystemStatusDto })
  async status(): Promise<SystemStatusDto> {
    const anchor = await lastAnchor(this.pool);
    return {
      version: VERSION,
      lagEvents: await this.lag.lagEvents(),
      lastAnchor: anchor
        ? {
            version: anchor.version,
            toPosition: anchor.data.toPosition,
            count: anchor.data.count,
            anchorHash: anchor.data.anchorHash,
            recordedAt: anchor.recordedAt.toISOString(),
          }
        : null,
    };
  }
}
