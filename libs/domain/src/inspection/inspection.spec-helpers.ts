// Shared by the inspection and finding specs (not a spec itself): given/when/then over the test tree.
import { DomainError, fold } from '../shared';
import { testContext } from '../office/office.testing';
import { InspectionCommand, PlanInspection } from './inspection.commands';
import { decideInspection } from './inspection.decide';
import { InspectionEvent, InspectionPlanned } from './inspection.events';
import { evolveInspection } from './inspection.evolve';
import { Inspection, initialInspectionState } from './inspection.state';

export const AT = '2024-03-15T10:00:00+07:00';
export const leader = (at = AT) => testContext('leader', 'UBND-SH', at);
/** An officer of the inspecting office. */
export const nvOfficer = (at = AT) => testContext('officer', 'SH-NV', at);
export const inspector = (at = AT) => testContext('inspector', 'UBND-SH', at);

export const planCommand = (over: Partial<PlanInspection['data']> = {}): PlanInspection => ({
  type: 'PlanInspection',
  data: {
    id: 'i-1',
    code: 'KT-CCHC-2024',
    title: 'Kiểm tra công tác cải cách hành chính năm 2024',
    inspectingOffice: 'SH-NV',
    offices: ['SH-VP', 'SH-X-SONHA'],
    period: { from: '2024-03-01', to: '2024-04-30' },
    criteria: ['1.3', '7.3.3.2'],
    ...over,
  },
});

export const planned = (over: Partial<InspectionPlanned['data']> = {}): InspectionPlanned => ({
  type: 'InspectionPlanned',
  data: {
    id: 'i-1',
    code: 'KT-CCHC-2024',
    title: 'Kiểm tra công tác cải cách hành chính năm 2024',
    inspectingOffice: 'SH-NV',
    offices: ['SH-VP', 'SH-X-SONHA'],
    period: { from: '2024-03-01', to: '2024-04-30' },
    criteria: ['1.3', '7.3.3.2'],
    planId: null,
    target: null,
    ...over,
  },
});

export const inspectionOf = (events: InspectionEvent[]): Inspection => fold(evolveInspection, initialInspectionState, events) as Inspection;

export const given = (events: InspectionEvent[], command: InspectionCommand, ctx = leader()) =>
  decideInspection(command, fold(evolveInspection, initialInspectionState, events), ctx);

/** [code, category, field] of the DomainError thrown, or null when nothing was thrown. */
export function errorOf(fn: () => unknown): [string, string, string | undefined] | null {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return [e.code, e.category, e.field];
    throw e;
  }
  return null;
}
