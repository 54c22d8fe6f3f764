import { DomainEvent, LocalDate } from '../shared';
import type { Evidence } from '../task/task.state';

export type FindingSeverity = 'minor' | 'major';
export const FINDING_SEVERITIES: readonly FindingSeverity[] = ['minor', 'major'];

/** Instants in event data are ISO strings (`at`): classification at T reads them, never metadata. */
export type FindingRecorded = DomainEvent<
  'FindingRecorded',
  {
    findingId: string;
    inspectionId: string;
    inspectingOffice: string;
    /** The inspected office the finding is about: it reads the finding and remedies it. */
    office: string;
    criterion: string | null;
    severity: FindingSeverity;
    description: string;
    requirement: string;
    /** The inspection's plan: where remediation tasks go unless the call names another. */
    planId: string | null;
    at: string;
  }
>;
export type FindingResolved = DomainEvent<'FindingResolved', { note: string; evidence: Evidence[]; resolvedOn: LocalDate; at: string }>;
export type FindingReopened = DomainEvent<'FindingReopened', { reason: string; at: string }>;
export type FindingWithdrawn = DomainEvent<'FindingWithdrawn', { reason: string; at: string }>;
/** Remediation tasks assigned for the finding (in the same append as their TaskAssigned). */
export type RemediationRaised = DomainEvent<'RemediationRaised', { taskIds: string[]; planId: string; at: string }>;

export type FindingEvent = FindingRecorded | FindingResolved | FindingReopened | FindingWithdrawn | RemediationRaised;

export const FINDING_EVENT_TYPES: readonly FindingEvent['type'][] = [
  'FindingRecorded',
  'FindingResolved',
  'FindingReopened',
  'FindingWithdrawn',
  'RemediationRaised',
];
