import { Injectable } from '@nestjs/common';
import { directiveDecider, directiveKey, directiveNumberDecider, directiveStreamId } from '@dondoc/domain/directive';
import { CITED_DIRECTIVES, ImportDocument, ImportWorld } from '@dondoc/domain/import';
import { officeDecider, officeStreamId } from '@dondoc/domain/office';
import { OfficeNode, OfficeQuery } from '@dondoc/read-models/offices/office.query';
import { AggregateRunner } from '../../application/aggregate-runner';

/**
 * What a file may refer to. The office tree comes from the read model (fresh under strong
 * consistency); the offices and directives the file itself declares are read from their streams,
 * which are authoritative, so that "already there" never depends on projection lag.
 */
@Injectable()
export class ImportWorldLoader {
  constructor(
    private readonly runner: AggregateRunner,
    private readonly offices: OfficeQuery,
  ) {}

  async load(doc: ImportDocument): Promise<ImportWorld> {
    const flat: ImportWorld['offices'] = [];
    const walk = (nodes: OfficeNode[]) =>
      nodes.forEach(
        (n) => (flat.push({ code: n.code, name: n.name, parent: n.parent, status: n.status, level: n.level }), walk(n.children)),
      );
    walk(await this.offices.tree(null));
    const byCode = new Map(flat.map((o) => [o.code, o]));
    for (const o of doc.offices) {
      if (byCode.has(o.code)) continue;
      const { state } = await this.runner.load(officeStreamId(o.code), officeDecider);
      if (state) byCode.set(o.code, { code: state.code, name: state.name, parent: state.parent, status: state.status, level: state.level });
    }
    const keys = new Set(doc.directives.map((d) => directiveKey(d.issuer, d.number)));
    if (doc.plan.directive && doc.plan.issuer) keys.add(directiveKey(doc.plan.issuer, doc.plan.directive));
    const directives: ImportWorld['directives'] = new Map();
    for (const key of keys) {
      const { state: claim } = await this.runner.load(key, directiveNumberDecider);
      if (!claim) continue;
      const { state: directive } = await this.runner.load(directiveStreamId(claim.directiveId), directiveDecider);
      directives.set(key, { directiveId: claim.directiveId, issuedOn: claim.issuedOn, revoked: directive?.status === 'revoked' });
    }
    return { offices: [...byCode.values()], directives, cited: CITED_DIRECTIVES };
  }
}
