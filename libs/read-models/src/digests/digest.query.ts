import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DigestEntity } from './digest.entity';

export interface DigestListFilter {
  week?: string;
  /** The offices whose path starts with this (a subtree); null: every office. */
  path: string | null;
  /** Exactly this office (an officer's own). */
  office?: string;
  limit: number;
}

export interface DigestSummary {
  id: string;
  week: string;
  office: string;
  officeName: string;
  asOf: string;
  counts: DigestEntity['counts'];
  subject: string;
  recipients: string[];
  status: DigestEntity['status'];
  issuedAt: string;
  deliveredAt?: string;
}

/** GET /v1/digests: what was issued, for whom, and whether it was delivered. */
@Injectable()
export class DigestQuery {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(f: DigestListFilter): Promise<DigestSummary[]> {
    const params: unknown[] = [f.limit];
    const where: string[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (f.week) add((p) => `d.week = ${p}`, f.week);
    if (f.office) add((p) => `d.office = ${p}`, f.office);
    if (f.path) add((p) => `d.office IN (SELECT o.code FROM rm_offices o WHERE starts_with(o.path, ${p}::text))`, f.path);
    const rows: DigestEntity[] = await this.db.getRepository(DigestEntity).query(
      `SELECT id, week, office, office_name AS "officeName", as_of AS "asOf", counts, subject, recipients, status, issued_at AS "issuedAt", delivered_at AS "deliveredAt"
         FROM rm_digests d ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY d.week DESC, d.office LIMIT $1`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      week: r.week,
      office: r.office,
      officeName: r.officeName,
      asOf: new Date(r.asOf).toISOString(),
      counts: r.counts,
      subject: r.subject,
      recipients: r.recipients,
      status: r.status,
      issuedAt: new Date(r.issuedAt).toISOString(),
      ...(r.deliveredAt ? { deliveredAt: new Date(r.deliveredAt).toISOString() } : {}),
    }));
  }

  find(id: string): Promise<DigestEntity | null> {
    return this.db.getRepository(DigestEntity).findOneBy({ id });
  }
}
