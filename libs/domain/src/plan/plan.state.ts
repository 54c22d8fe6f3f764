import { LocalDate } from '../shared';
import { PlanAdopted, TargetAdded, TargetMeasured } from './plan.events';

export interface PlanTarget {
  definition: TargetAdded['data'];
  /** In recorded order; `latestMeasurement` picks the one standing at a date. */
  measurements: TargetMeasured['data'][];
}

type Adopted = PlanAdopted['data'];

export interface Plan extends Adopted {
  status: 'active' | 'closed';
  closedReason: string | null;
  /** Target codes in the order they were added. */
  targetOrder: string[];
  targets: Record<string, PlanTarget>;
}

export type PlanState = Plan | null;
export const initialPlanState: PlanState = null;

export const planStreamId = (id: string): string => `plan-${id}`;

export const isPlanPeriodDate = (plan: Plan, date: LocalDate): boolean => date >= plan.period.from && date <= plan.period.to;
