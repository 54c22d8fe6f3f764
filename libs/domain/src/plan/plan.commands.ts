import { LocalDate } from '../shared';
import { DecimalInput } from '../counting';

export interface TargetInput {
  code: string;
  name: string;
  unit: string;
  comparator: string;
  value?: DecimalInput | null;
  min?: DecimalInput | null;
  max?: DecimalInput | null;
  /** "trên 30 %": more than, not at least. */
  strict?: boolean;
}

export interface AdoptPlan {
  type: 'AdoptPlan';
  data: {
    id: string;
    code?: string | null;
    directiveId?: string | null;
    issuer: string;
    title: string;
    period: { from: LocalDate; to: LocalDate };
    /** Default true: completion reports wait for a leader's acceptance. */
    requiresAcceptance?: boolean;
    followUp?: string | null;
    targets?: TargetInput[];
    /**
     * The cited directive's issuer, looked up by the application (the API always gives it with a
     * directiveId): a plan implements a directive of its issuer's own line, never another district's.
     */
    directiveIssuer?: string;
  };
}
export interface AddTarget {
  type: 'AddTarget';
  data: TargetInput;
}
export interface MeasureTarget {
  type: 'MeasureTarget';
  data: { code: string; value: DecimalInput; asOf: LocalDate; source?: string | null };
}
export interface ClosePlan {
  type: 'ClosePlan';
  data: { reason?: string | null };
}

export type PlanCommand = AdoptPlan | AddTarget | MeasureTarget | ClosePlan;
