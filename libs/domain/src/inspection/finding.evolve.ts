import { assertNever } from '../shared';
import { FindingEvent } from './finding.events';
import { FindingState } from './finding.state';

export function evolveFinding(state: FindingState, event: FindingEvent): FindingState {
  switch (event.type) {
    case 'FindingRecorded': {
      const { findingId, at, ...rest } = event.data;
      return {
        ...rest,
        id: findingId,
        recordedAt: at,
        status: 'open',
        resolution: null,
        withdrawnReason: null,
        remediation: [],
        transitions: [],
      };
    }
    case 'FindingResolved':
      return (
        state && {
          ...state,
          status: 'resolved',
          resolution: { ...event.data },
          transitions: [...state.transitions, { kind: 'resolved', at: event.data.at, on: event.data.resolvedOn }],
        }
      );
    case 'FindingReopened':
      return (
        state && {
          ...state,
          status: 'open',
          resolution: null,
          transitions: [...state.transitions, { kind: 'reopened', at: event.data.at }],
        }
      );
    case 'FindingWithdrawn':
      return (
        state && {
          ...state,
          status: 'withdrawn',
          withdrawnReason: event.data.reason,
          transitions: [...state.transitions, { kind: 'withdrawn', at: event.data.at }],
        }
      );
    case 'RemediationRaised':
      return (
        state && {
          ...state,
          remediation: [
            ...state.remediation,
            ...event.data.taskIds.map((taskId) => ({ taskId, planId: event.data.planId, at: event.data.at })),
          ],
        }
      );
    default:
      return assertNever(event);
  }
}
