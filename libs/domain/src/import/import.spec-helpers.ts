import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CITED_DIRECTIVES } from './cited-directives';
import { ImportInvalid } from './import-issues';
import type { ImportWorld } from './import.resolver';

/** Shared by the import specs: the Sơn Hà fixture, an empty world, a request with counted ids, and the issues a call throws. */
export const fixture = JSON.parse(readFileSync(join(__dirname, '../../../../docs/examples/son-ha-2024-remediation-plan.json'), 'utf8'));
export const clone = () =>
  JSON.parse(JSON.stringify(fixture)) as {
    plans: { tasks: Record<string, unknown>[] }[];
    offices: { parent: string }[];
    groups: Record<string, string[]>;
  };
export const empty: ImportWorld = { offices: [], directives: new Map(), cited: CITED_DIRECTIVES };
let n = 0;
export const req = {
  actor: { userId: 'admin-1', role: 'admin' as const, office: 'UBND-QNG' },
  recordedAt: new Date('2026-01-10T03:00:00Z'),
  contentHash: 'h',
  newId: (kind: string) => `${kind}-${++n}`,
};
export const issuesOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ImportInvalid) return e.issues;
    throw e;
  }
  throw new Error('expected ImportInvalid');
};
export const fields = (fn: () => unknown) => issuesOf(fn).map((i) => i.field);
