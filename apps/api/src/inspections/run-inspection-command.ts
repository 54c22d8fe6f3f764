import {
  FindingCommand,
  InspectionCommand,
  findingDecider,
  findingStreamId,
  inspectionDecider,
  inspectionStreamId,
} from '@dondoc/domain/inspection';
import { AggregateRunner } from '../application/aggregate-runner';
import { RequestContext } from '../application/request-context';

/** Every command on an existing inspection: its stream, scoped by the offices it names. */
export function runInspectionCommand(runner: AggregateRunner, id: string, command: InspectionCommand, ctx: RequestContext) {
  return runner.run({
    streamId: inspectionStreamId(id),
    decider: inspectionDecider,
    command,
    ctx,
    notFoundCode: 'INSPECTION_NOT_FOUND',
    offices: (state) => (state ? [state.inspectingOffice, ...state.offices] : []),
  });
}

/** Every command on an existing finding: scoped by its inspecting office and its office. */
export function runFindingCommand(runner: AggregateRunner, id: string, command: FindingCommand, ctx: RequestContext) {
  return runner.run({
    streamId: findingStreamId(id),
    decider: findingDecider,
    command,
    ctx,
    notFoundCode: 'FINDING_NOT_FOUND',
    offices: (state) => (state ? [state.inspectingOffice, state.office] : []),
  });
}
