import { LocalDate } from '../shared';
import { InspectionPeriod } from './inspection.events';

export interface PlanInspection {
  type: 'PlanInspection';
  data: {
    id: string;
    code?: string | null;
    title: string;
    inspectingOffice: string;
    offices: string[];
    period: InspectionPeriod;
    criteria?: string[] | null;
    planId?: string | null;
    target?: string | null;
    /**
     * Looked up by the application when a plan is named (the API always does): the plan's issuer
     * must be within the leader's subtree, and `target` one of its targets of unit `count`.
     */
    plan?: { issuer: string; countTargets: string[] };
  };
}
export interface RescheduleInspection {
  type: 'RescheduleInspection';
  data: { period: InspectionPeriod; reason: string };
}
export interface RecordInspectionConducted {
  type: 'RecordInspectionConducted';
  data: { office: string; on: LocalDate };
}
export interface ConcludeInspection {
  type: 'ConcludeInspection';
  data: { documentNumber: string; concludedOn: LocalDate };
}
export interface CancelInspection {
  type: 'CancelInspection';
  data: { reason: string };
}

export type InspectionCommand = PlanInspection | RescheduleInspection | RecordInspectionConducted | ConcludeInspection | CancelInspection;
