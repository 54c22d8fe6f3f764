import { OfficeLevel, officeDecider, officeStreamId } from '../office';
import { CommandContext } from '../shared';
import { ImportDocument } from './import-document';
import { ImportWarning, IssueList } from './import-issues';
import type { ImportStream, ImportWorld } from './import.resolver';

/** Parents before children; a parent neither recorded nor in the file is an error. */
export function registerOffices(
  doc: ImportDocument,
  world: ImportWorld,
  tree: Map<string, { parent: string | null; status: string }>,
  ctx: CommandContext,
  issues: IssueList,
  warnings: ImportWarning[],
): ImportStream[] {
  const recorded = new Map(world.offices.map((o) => [o.code, o]));
  const pending = new Map<string, ImportDocument['offices'][number]>();
  for (const o of doc.offices) {
    const existing = recorded.get(o.code);
    if (pending.has(o.code)) issues.add(`${o.at}.code`, `office ${o.code} is declared twice`);
    else if (existing) {
      if (existing.name !== o.name || existing.parent !== o.parent) {
        warnings.push({
          code: 'OFFICE_EXISTS',
          field: `${o.at}.code`,
          message: `office ${o.code} is already registered as "${existing.name}"${existing.parent ? ` under ${existing.parent}` : ''}; left as it is`,
        });
      }
    } else pending.set(o.code, o);
  }
  const streams: ImportStream[] = [];
  for (let progress = true; progress && pending.size > 0;) {
    progress = false;
    for (const o of [...pending.values()]) {
      if (o.parent !== null && !tree.has(o.parent)) continue;
      pending.delete(o.code);
      progress = true;
      tree.set(o.code, { parent: o.parent, status: 'active' });
      const events = issues.guard(
        (f) => `${o.at}.${f ?? 'code'}`,
        () =>
          officeDecider.decide(
            {
              type: 'RegisterOffice',
              data: { code: o.code, name: o.name, parent: o.parent, level: o.level as OfficeLevel | null, email: o.email },
            },
            null,
            ctx,
          ),
      );
      if (events) streams.push({ streamId: officeStreamId(o.code), events });
    }
  }
  for (const o of pending.values()) {
    issues.add(
      `${o.at}.parent`,
      pending.has(o.parent!)
        ? `offices ${o.code} and ${o.parent} are each other's ancestors`
        : `no office ${o.parent} (neither registered nor in this file)`,
    );
  }
  return streams;
}
