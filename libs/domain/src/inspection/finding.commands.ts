import type { Evidence } from '../task/task.state';
import { Inspection } from './inspection.state';

/** `inspection` is the inspection's state, loaded by the application from its stream. */
export interface RecordFinding {
  type: 'RecordFinding';
  data: {
    findingId: string;
    inspection: Pick<Inspection, 'id' | 'inspectingOffice' | 'offices' | 'status' | 'planId'>;
    office: string;
    criterion?: string | null;
    severity: string;
    description: string;
    requirement: string;
  };
}
/** Evidence: files resolved by the application (`{ fileId }` → the file's recorded facts), documents, links. */
export interface ResolveFinding {
  type: 'ResolveFinding';
  data: { note: string; evidence?: Evidence[] };
}
export interface ReopenFinding {
  type: 'ReopenFinding';
  data: { reason: string };
}
export interface WithdrawFinding {
  type: 'WithdrawFinding';
  data: { reason: string };
}
/** Decided with the tasks it creates: the application assigns them in the same append. */
export interface RaiseRemediation {
  type: 'RaiseRemediation';
  /** `leads`: the offices the tasks are led by, each the inspected office or one under it. */
  data: { taskIds: string[]; planId: string; leads: string[] };
}

export type FindingCommand = RecordFinding | ResolveFinding | ReopenFinding | WithdrawFinding | RaiseRemediation;
