import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { OfficeEntity } from './office.entity';

export interface OfficeNode {
  code: string;
  name: string;
  parent: string | null;
  level: string | null;
  email: string | null;
  status: string;
  mergedInto: string | null;
  children: OfficeNode[];
}

/**
 * The office tree for scoping. Paths are read fresh for every decision (one indexed query), so
 * several API processes never act on a stale tree.
 */
@Injectable()
export class OfficeQuery {
  constructor(@InjectRepository(OfficeEntity) private readonly repo: Repository<OfficeEntity>) {}

  find(code: string): Promise<OfficeEntity | null> {
    return this.repo.findOneBy({ code });
  }

  /** Paths of the given codes; unknown codes are absent from the map. */
  async paths(codes: Iterable<string>): Promise<Map<string, string>> {
    const list = [...new Set(codes)].filter(Boolean);
    if (list.length === 0) return new Map();
    const rows = await this.repo.query(`SELECT code, path FROM rm_offices WHERE code = ANY($1)`, [list]);
    return new Map((rows as { code: string; path: string }[]).map((r) => [r.code, r.path]));
  }

  /** Printed names of the given codes (unknown codes are absent): names are public, the tree is scoped. */
  async names(codes: Iterable<string>): Promise<Record<string, string>> {
    const list = [...new Set(codes)].filter(Boolean);
    if (list.length === 0) return {};
    const rows = (await this.repo.query(`SELECT code, name FROM rm_offices WHERE code = ANY($1)`, [list])) as {
      code: string;
      name: string;
    }[];
    return Object.fromEntries(rows.map((r) => [r.code, r.name]));
  }

  /** Offices at or under `root` (every office when root is null), as a forest. */
  async tree(root: string | null): Promise<OfficeNode[]> {
    const rootPath = root ? (await this.find(root))?.path : '/';
    if (!rootPath) return [];
    const rows = await this.repo.createQueryBuilder('o').where('starts_with(o.path, :p)', { p: rootPath }).orderBy('o.path').getMany();
    const nodes = new Map<string, OfficeNode>();
    const roots: OfficeNode[] = [];
    for (const r of rows) {
      const node: OfficeNode = {
        code: r.code,
        name: r.name,
        parent: r.parent,
        level: r.level,
        email: r.email,
        status: r.status,
        mergedInto: r.mergedInto,
        children: [],
      };
      nodes.set(r.code, node);
      const parent = r.parent ? nodes.get(r.parent) : undefined;
      if (parent && r.code !== root) parent.children.push(node);
      else roots.push(node);
    }
    return roots;
  }

  /** Codes of every office at or under `root`. */
  async subtreeCodes(root: string): Promise<string[]> {
    const path = (await this.find(root))?.path;
    if (!path) return [];
    const rows = await this.repo.query(`SELECT code FROM rm_offices WHERE starts_with(path, $1)`, [path]);
    return (rows as { code: string }[]).map((r) => r.code);
  }
}
