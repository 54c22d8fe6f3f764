import { directiveDecider, directiveKey, directiveNumberDecider, directiveStreamId, normaliseDirectiveNumber } from '../directive';
import { CommandContext, LocalDate } from '../shared';
import { ImportDocument } from './import-document';
import { ImportWarning, IssueList } from './import-issues';
import type { ImportRequest, ImportStream, ImportWorld } from './import.resolver';

export interface FileDirective {
  id: string;
  number: string;
  issuer: string;
  issuedOn: LocalDate;
  revoked: boolean;
}

export function issueDirectives(
  doc: ImportDocument,
  world: ImportWorld,
  tree: Map<string, unknown>,
  ctx: CommandContext,
  req: ImportRequest,
  issues: IssueList,
  warnings: ImportWarning[],
): Map<string, FileDirective> & { streams: ImportStream[]; created: string[] } {
  const found = Object.assign(new Map<string, FileDirective>(), { streams: [] as ImportStream[], created: [] as string[] });
  const norm = normaliseDirectiveNumber;
  for (const d of doc.directives) {
    if (!tree.has(d.issuer)) issues.add(`${d.at}.issuer`, `no office ${d.issuer}`);
    const key = directiveKey(d.issuer, d.number);
    if (found.has(key)) {
      issues.add(`${d.at}.number`, `${d.number} of ${d.issuer} is declared twice`);
      continue;
    }
    const recorded = world.directives.get(key);
    if (recorded) {
      if (recorded.issuedOn !== d.issuedOn) {
        warnings.push({
          code: 'DIRECTIVE_RECORDED_WITH_OTHER_DATE',
          field: `${d.at}.issuedOn`,
          message: `${d.number} of ${d.issuer} is recorded as issued on ${recorded.issuedOn}, the file says ${d.issuedOn}: the record is kept`,
        });
      }
      found.set(key, {
        id: recorded.directiveId,
        number: d.number,
        issuer: d.issuer,
        issuedOn: recorded.issuedOn,
        revoked: recorded.revoked,
      });
      continue;
    }
    const id = req.newId('directive');
    const field = (f: string | undefined) => `${d.at}.${f ?? 'number'}`;
    const claim = issues.guard(field, () =>
      directiveNumberDecider.decide(
        { type: 'ClaimDirectiveNumber', data: { issuer: d.issuer, number: d.number, issuedOn: d.issuedOn, directiveId: id } },
        null,
        ctx,
      ),
    );
    const issued = issues.guard(field, () =>
      directiveDecider.decide(
        {
          type: 'IssueDirective',
          data: { id, number: d.number, kind: d.kind, issuedOn: d.issuedOn, issuer: d.issuer, title: d.title, basis: d.basis },
        },
        null,
        ctx,
      ),
    );
    found.set(key, { id, number: d.number, issuer: d.issuer, issuedOn: d.issuedOn, revoked: false });
    if (claim && issued) {
      found.streams.push({ streamId: key, events: claim }, { streamId: directiveStreamId(id), events: issued });
      found.created.push(d.number);
    }
  }
  // Dates the sources disagree about: imported as written, flagged once per directive.
  for (const d of doc.directives) {
    const reasons: string[] = [];
    const cited = world.cited.find((c) => c.issuer === d.issuer && norm(c.number) === norm(d.number));
    if (cited && cited.issuedOn !== d.issuedOn) reasons.push(`${cited.source} dates it ${cited.issuedOn}`);
    for (const o of doc.directives) {
      if (o !== d && o.issuedOn < d.issuedOn && o.basis.some((b) => norm(b) === norm(d.number))) {
        reasons.push(`${o.number}, issued ${o.issuedOn}, cites it as its basis although it would be issued later`);
      }
    }
    if (reasons.length > 0) {
      warnings.push({
        code: 'DIRECTIVE_DATE_DISPUTED',
        field: `${d.at}.issuedOn`,
        message: `${d.number} is dated ${d.issuedOn} in this file, but ${reasons.join('; ')}; kept as written`,
      });
    }
  }
  return found;
}
