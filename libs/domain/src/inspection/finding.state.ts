import { LocalDate } from '../shared';
import type { Evidence } from '../task/task.state';
import { FindingRecorded } from './finding.events';

export type FindingStatus = 'open' | 'resolved' | 'withdrawn';

/** What happened to the finding and when, in order: classification at T replays it up to T. */
export type FindingTransition =
  { kind: 'resolved'; at: string; on: LocalDate } | { kind: 'reopened'; at: string } | { kind: 'withdrawn'; at: string };

export interface Finding extends Omit<FindingRecorded['data'], 'findingId' | 'at'> {
  id: string;
  recordedAt: string;
  status: FindingStatus;
  resolution: { note: string; evidence: Evidence[]; resolvedOn: LocalDate; at: string } | null;
  withdrawnReason: string | null;
  remediation: { taskId: string; planId: string; at: string }[];
  transitions: FindingTransition[];
}

export type FindingState = Finding | null;
export const initialFindingState: FindingState = null;
export const findingStreamId = (id: string): string => `finding-${id}`;
