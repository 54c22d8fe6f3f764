import { DomainEvent, LocalDate } from '../shared';
import { TargetSpec } from '../counting';

/** Targets given at adoption follow as TargetAdded events in the same append (see decidePlan). */
export type PlanAdopted = DomainEvent<
  'PlanAdopted',
  {
    id: string;
    code: string | null;
    directiveId: string | null;
    issuer: string;
    title: string;
    period: { from: LocalDate; to: LocalDate };
    requiresAcceptance: boolean;
    followUp: string | null;
  }
>;
/** Values are canonical decimal strings ("30", "62.2"); unused ones are null. */
export type TargetAdded = DomainEvent<'TargetAdded', TargetSpec & { code: string; name: string }>;
export type TargetMeasured = DomainEvent<'TargetMeasured', { code: string; value: string; asOf: LocalDate; source: string | null }>;
export type PlanClosed = DomainEvent<'PlanClosed', { id: string; reason: string | null }>;

export type PlanEvent = PlanAdopted | TargetAdded | TargetMeasured | PlanClosed;
export const PLAN_EVENT_TYPES: readonly PlanEvent['type'][] = ['PlanAdopted', 'TargetAdded', 'TargetMeasured', 'PlanClosed'];
