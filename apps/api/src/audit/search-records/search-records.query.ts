import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@dondoc/platform';
import { Pool } from 'pg';
import type { SearchHitDto } from './search-records.query.dto';

/** `%`, `_` and `\` typed by a person are letters, not patterns. */
const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Offices, plans and tasks whose name, code, criterion or document number holds the words, within
 * a subtree (`path`, null: everything). Plans match by their directive's number too; tasks by the
 * document numbers of their completion evidence. Read models only: what the live pages show.
 */
@Injectable()
export class SearchRecordsQuery {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async search(q: string, path: string | null, limit: number): Promise<SearchHitDto[]> {
    const pattern = like(q.trim());
    const args = [pattern, path, limit, q.trim()];
    const [offices, plans, tasks] = await Promise.all([
      this.pool.query<SearchHitDto>(
        `SELECT 'office' AS kind, o.code AS id, o.name AS title, o.parent AS office,
                CASE WHEN o.code ILIKE $1 THEN o.code END AS matched
           FROM rm_offices o
          WHERE (o.name ILIKE $1 OR o.code ILIKE $1) AND ($2::text IS NULL OR starts_with(o.path, $2))
          ORDER BY o.path LIMIT $3`,
        args.slice(0, 3),
      ),
      this.pool.query<SearchHitDto>(
        `SELECT 'plan' AS kind, p.id::text AS id, p.title, p.issuer AS office,
                CASE WHEN p.code ILIKE $1 THEN p.code WHEN d.number ILIKE $1 THEN d.number END AS matched
           FROM rm_plans p
           JOIN rm_offices io ON io.code = p.issuer
           LEFT JOIN rm_directives d ON d.id = p.directive_id
          WHERE (p.title ILIKE $1 OR p.code ILIKE $1 OR d.number ILIKE $1) AND ($2::text IS NULL OR starts_with(io.path, $2))
          ORDER BY p.period_from DESC, p.id LIMIT $3`,
        args.slice(0, 3),
      ),
      this.pool.query<SearchHitDto>(
        `SELECT 'task' AS kind, t.id::text AS id, t.title, t.lead AS office,
                CASE WHEN t.criterion = $4 OR starts_with(t.criterion, $4 || '.') THEN t.criterion ELSE ev.number END AS matched
           FROM rm_tasks t
           LEFT JOIN LATERAL (
             SELECT e->>'documentNumber' AS number FROM jsonb_array_elements(coalesce(t.state->'completion'->'evidence', '[]'::jsonb)) e
              WHERE e->>'documentNumber' ILIKE $1 LIMIT 1) ev ON true
          WHERE (t.title ILIKE $1 OR t.criterion = $4 OR starts_with(t.criterion, $4 || '.') OR ev.number IS NOT NULL)
            AND ($2::text IS NULL OR starts_with(t.lead_path, $2))
          ORDER BY t.assigned_at DESC, t.id LIMIT $3`,
        args,
      ),
    ]);
    return [...offices.rows, ...plans.rows, ...tasks.rows];
  }
}
