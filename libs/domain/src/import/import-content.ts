import { ImportDocument } from './import-document';

/**
 * What an import is, whatever the file format: plan, tasks, and the offices, groups and
 * directives it declares, without comments (`about`, `note`) or where things were written.
 * Its hash decides whether a second import of the same plan code is the same file (200, nothing
 * written) or another one (409). The JSON file and its CSV or XLSX rendering hash alike.
 */
export function importContent(doc: ImportDocument): unknown {
  const byKey = <T>(items: T[], key: (t: T) => string) => [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const { at: _planAt, ...plan } = doc.plan;
  return {
    offices: byKey(doc.offices, (o) => o.code).map(({ at: _at, ...o }) => o),
    groups: byKey(doc.groups, (g) => g.name).map((g) => ({ name: g.name, members: g.members })),
    directives: byKey(doc.directives, (d) => `${d.issuer}\u0000${d.number}`).map(({ at: _at, ...d }) => d),
    plan,
    tasks: doc.tasks.map(({ at: _at, columns: _columns, printed: _printed, ...t }) => t),
  };
}
