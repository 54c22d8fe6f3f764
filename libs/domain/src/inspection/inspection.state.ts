import { LocalDate } from '../shared';
import { InspectionPlanned } from './inspection.events';

export type InspectionStatus = 'planned' | 'concluded' | 'cancelled';

export interface Inspection extends Omit<InspectionPlanned['data'], never> {
  status: InspectionStatus;
  /** Inspected office → the day it was visited (the latest recorded). */
  conducted: Record<string, LocalDate>;
  conclusion: { documentNumber: string; concludedOn: LocalDate } | null;
  cancelledReason: string | null;
}

export type InspectionState = Inspection | null;
export const initialInspectionState: InspectionState = null;
export const inspectionStreamId = (id: string): string => `inspection-${id}`;
