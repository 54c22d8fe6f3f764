import { ImportDocument, PlanField } from './import-document';
import { IssueList } from './import-issues';
import { ValueError, date, text, yesNo } from './import-values';

/** Plan fields a client may give as query parameters (`POST /v1/imports?code=…`); they win over the file's. */
export const OVERRIDABLE: readonly PlanField[] = [
  'code',
  'title',
  'issuer',
  'directive',
  'from',
  'to',
  'assignedOn',
  'followUp',
  'requiresAcceptance',
];
export type PlanOverrides = Partial<Record<(typeof OVERRIDABLE)[number], string>>;

export function withPlanOverrides(doc: ImportDocument, overrides: PlanOverrides): ImportDocument {
  const given = OVERRIDABLE.filter((k) => overrides[k] !== undefined);
  if (given.length === 0) return doc;
  const issues = new IssueList();
  const plan = { ...doc.plan, period: { ...doc.plan.period }, at: { ...doc.plan.at } };
  for (const key of given) {
    const raw = overrides[key]!;
    const at = `query.${key}`;
    plan.at[key] = at;
    try {
      if (key === 'from' || key === 'to') plan.period[key] = date(raw, key);
      else if (key === 'assignedOn') plan.assignedOn = date(raw, key);
      else if (key === 'requiresAcceptance') plan.requiresAcceptance = yesNo(raw, key);
      else plan[key as 'code' | 'title' | 'issuer' | 'directive' | 'followUp'] = text(raw, key, key === 'title' ? 2000 : 128);
    } catch (e) {
      if (!(e instanceof ValueError)) throw e;
      issues.add(at, e.message);
    }
  }
  issues.throwIfAny();
  return { ...doc, plan };
}
