import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OfficeState, officeDecider, officeStreamId } from '@dondoc/domain/office';
import { invalid } from '@dondoc/domain/shared';
import { OfficeQuery } from '@dondoc/read-models/offices/office.query';
import { AggregateRunner } from '../../application/aggregate-runner';
import { ChangeOfficeCommand } from './change-office.command';
import { OfficeTreeLock } from './office-tree-lock';

/** Deeper than any real tree (province, district, commune, …): a walk past it is a cycle already there. */
const MAX_DEPTH = 64;

@CommandHandler(ChangeOfficeCommand)
export class ChangeOfficeHandler implements ICommandHandler<ChangeOfficeCommand> {
  constructor(
    private readonly runner: AggregateRunner,
    private readonly offices: OfficeQuery,
    private readonly treeLock: OfficeTreeLock,
  ) {}

  async execute(command: ChangeOfficeCommand) {
    const { code, change } = command;
    // Under itself, or to the top: the decider refuses or allows without the tree.
    if (change.type !== 'MoveOffice' || !change.data.parent || change.data.parent === code) return this.change(command);
    const parent = change.data.parent;
    // The new parent lives on another stream: whether it exists and is open is the application's to check.
    const found = await this.offices.find(parent);
    if (!found || found.status !== 'active') throw invalid('UNKNOWN_OFFICE', `no active office ${parent}`, 'parent');
    // Moves one at a time, the cycle checked on the log itself (the read model may lag behind
    // the move just before this one): the decider's own check uses the read model's paths.
    return this.treeLock.run(async () => {
      await this.refuseCycle(code, parent);
      return this.change(command);
    });
  }

  private change({ code, change, ctx }: ChangeOfficeCommand) {
    return this.runner.run({
      streamId: officeStreamId(code),
      decider: officeDecider,
      command: change,
      ctx,
      notFoundCode: 'OFFICE_NOT_FOUND',
      // The cycle check asks whether the new parent lies within the office itself.
      offices: () => [code, change.type === 'MoveOffice' ? change.data.parent : null],
    });
  }

  /** Walks up from the new parent through the offices' own streams: meeting `code` is a cycle. */
  private async refuseCycle(code: string, parent: string): Promise<void> {
    let at: string | null = parent;
    for (let depth = 0; at !== null && depth < MAX_DEPTH; depth++) {
      if (at === code) throw invalid('OFFICE_CYCLE', `${code} cannot move under ${parent}, which is within it`, 'parent');
      const above: OfficeState = (await this.runner.load(officeStreamId(at), officeDecider)).state;
      at = above?.parent ?? null;
    }
    if (at !== null) throw invalid('OFFICE_CYCLE', `the offices above ${parent} go round in a circle`, 'parent');
  }
}
