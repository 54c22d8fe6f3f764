import { DomainEvent, LocalDate } from '../shared';

export interface InspectionPeriod {
  from: LocalDate;
  to: LocalDate;
}

/**
 * An inspection ("kiểm tra") of offices by an inspecting office, planned by a leader. `planId` ties
 * it to the plan it carries out; `target` names that plan's target of unit `count` that the
 * offices inspected measure ("kiểm tra 10/10 cơ quan").
 */
export type InspectionPlanned = DomainEvent<
  'InspectionPlanned',
  {
    id: string;
    code: string | null;
    title: string;
    inspectingOffice: string;
    offices: string[];
    period: InspectionPeriod;
    criteria: string[];
    planId: string | null;
    target: string | null;
  }
>;
export type InspectionRescheduled = DomainEvent<
  'InspectionRescheduled',
  { previous: InspectionPeriod; period: InspectionPeriod; reason: string }
>;
/** One per inspected office visited, with the day of the visit. */
export type InspectionConducted = DomainEvent<'InspectionConducted', { office: string; on: LocalDate }>;
/** "Kết luận kiểm tra số …": the conclusion's document number and date. */
export type InspectionConcluded = DomainEvent<'InspectionConcluded', { documentNumber: string; concludedOn: LocalDate }>;
export type InspectionCancelled = DomainEvent<'InspectionCancelled', { reason: string }>;

export type InspectionEvent = InspectionPlanned | InspectionRescheduled | InspectionConducted | InspectionConcluded | InspectionCancelled;

export const INSPECTION_EVENT_TYPES: readonly InspectionEvent['type'][] = [
  'InspectionPlanned',
  'InspectionRescheduled',
  'InspectionConducted',
  'InspectionConcluded',
  'InspectionCancelled',
];
