import { Inject, Injectable } from '@nestjs/common';
import type { ImportRecorded } from '@dondoc/domain/import';
import { PG_POOL } from '@dondoc/platform';
import { Pool } from 'pg';

export interface ImportDone {
  planCode: string;
  planId: string;
  format: string;
  fileName: string | null;
  contentHash: string;
  assignedOn: string;
  created: ImportRecorded['data']['created'];
  noDeadline: number;
  warnings: number;
  by: { userId: string; name: string | null; role: string; office: string };
  recordedAt: string;
}

/**
 * The imports done, newest first: every ImportRecorded of the log (one per imported plan code and
 * file), read from the audit index (rm_audit_events) by its (type, recorded_at) index, as the audit
 * routes read the log.
 */
@Injectable()
export class ImportsListQuery {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async list(limit: number): Promise<ImportDone[]> {
    const { rows } = await this.pool.query<{
      data: ImportRecorded['data'];
      metadata: { actor: { userId: string; name?: string; role: string; office: string } };
      recorded_at: Date;
    }>(
      `SELECT data, metadata, recorded_at FROM rm_audit_events WHERE type = 'ImportRecorded' ORDER BY recorded_at DESC, position DESC LIMIT $1`,
      [limit],
    );
    return rows.map(({ data, metadata, recorded_at }) => ({
      planCode: data.planCode,
      planId: data.planId,
      format: data.format,
      fileName: data.fileName ?? null,
      contentHash: data.contentHash,
      assignedOn: data.assignedOn,
      created: data.created,
      noDeadline: data.noDeadline.length,
      warnings: data.warnings.length,
      by: { userId: metadata.actor.userId, name: metadata.actor.name ?? null, role: metadata.actor.role, office: metadata.actor.office },
      recordedAt: recorded_at.toISOString(),
    }));
  }
}
