import { Injectable } from '@nestjs/common';
import { Actor, notFound } from '@dondoc/domain/shared';
import { OfficeQuery } from '@dondoc/read-models/offices/office.query';

/**
 * What a reader may see: an admin everything; a leader or inspector the subtree of its office;
 * an officer its own office (and the tasks it supports, decided per route).
 */
@Injectable()
export class ReadScope {
  constructor(private readonly offices: OfficeQuery) {}

  /** The path prefix that bounds the actor's reads (null: unbounded). */
  async rootPath(actor: Actor): Promise<string | null> {
    if (actor.role === 'admin') return null;
    const path = (await this.offices.paths([actor.office])).get(actor.office);
    // An unknown office sees nothing: a path no office has.
    return path ?? `/!unknown/${actor.office}/`;
  }

  async canSee(actor: Actor, office: string): Promise<boolean> {
    if (actor.role === 'admin') return true;
    if (actor.role === 'officer') return office === actor.office;
    const paths = await this.offices.paths([actor.office, office]);
    const mine = paths.get(actor.office);
    const theirs = paths.get(office);
    return !!mine && !!theirs && theirs.startsWith(mine);
  }

  /** A plan is seen within the issuer's subtree, and by every office under its issuer. */
  async canSeePlan(actor: Actor, issuer: string): Promise<boolean> {
    if (await this.canSee(actor, issuer)) return true;
    const paths = await this.offices.paths([actor.office, issuer]);
    const mine = paths.get(actor.office);
    const theirs = paths.get(issuer);
    return !!mine && !!theirs && mine.startsWith(theirs);
  }

  /**
   * The path to filter by: the asked office within the actor's scope, or the scope itself. An
   * office out of scope reads as a missing one (404 OFFICE_NOT_FOUND, API.md): a 403 would tell
   * that it exists, an empty 200 would look like an office with nothing to report.
   */
  async filterPath(actor: Actor, office?: string): Promise<string | null> {
    if (!office) return actor.role === 'officer' ? this.pathOf(actor.office) : this.rootPath(actor);
    // One lookup for both offices: this runs on every scoped report and list.
    const paths = await this.offices.paths(actor.role === 'admin' ? [office] : [actor.office, office]);
    const theirs = paths.get(office);
    const mine = paths.get(actor.office);
    const visible =
      actor.role === 'admin' || (actor.role === 'officer' ? office === actor.office : !!mine && !!theirs && theirs.startsWith(mine));
    if (!theirs || !visible) throw notFound('OFFICE_NOT_FOUND', `no office ${office}`);
    return theirs;
  }

  private async pathOf(code: string): Promise<string> {
    return (await this.offices.paths([code])).get(code) ?? `/!unknown/${code}/`;
  }
}
