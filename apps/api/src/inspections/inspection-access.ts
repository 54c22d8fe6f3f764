import { Injectable } from '@nestjs/common';
import type { Finding, Inspection } from '@dondoc/domain/inspection';
import { Actor } from '@dondoc/domain/shared';
import { ReadScope } from '../application/read-scope';

/**
 * Who reads an inspection and its findings, on the task scope (ReadScope): an admin everything; a
 * leader or inspector whatever touches its subtree; an officer the inspections of its own office,
 * inspecting or inspected. A finding is read by its inspecting office's readers and by its own
 * office's: an inspected office sees its own findings, never another's (404, as a missing one).
 */
@Injectable()
export class InspectionAccess {
  constructor(private readonly scope: ReadScope) {}

  async canSeeInspection(actor: Actor, i: Pick<Inspection, 'inspectingOffice' | 'offices'>): Promise<boolean> {
    for (const office of [i.inspectingOffice, ...i.offices]) if (await this.scope.canSee(actor, office)) return true;
    return false;
  }

  async canSeeFinding(actor: Actor, f: Pick<Finding, 'inspectingOffice' | 'office'>): Promise<boolean> {
    return (await this.scope.canSee(actor, f.inspectingOffice)) || (await this.scope.canSee(actor, f.office));
  }
}
