import { testContext } from '../office/office.testing';
import { InspectionCommand } from './inspection.commands';
import { InspectionEvent } from './inspection.events';
import { AT, errorOf, given, inspectionOf, inspector, leader, nvOfficer, planCommand, planned } from './inspection.spec-helpers';

const conducted = (office: string, on: string): InspectionEvent => ({ type: 'InspectionConducted', data: { office, on } });
const conduct = (office: string, on: string): InspectionCommand => ({ type: 'RecordInspectionConducted', data: { office, on } });
const conclude = (documentNumber = '15/KL-UBND', concludedOn = '2024-03-15'): InspectionCommand => ({
  type: 'ConcludeInspection',
  data: { documentNumber, concludedOn },
});
const concluded: InspectionEvent = { type: 'InspectionConcluded', data: { documentNumber: '15/KL-UBND', concludedOn: '2024-03-15' } };
const cancelled: InspectionEvent = { type: 'InspectionCancelled', data: { reason: 'Trùng lịch' } };

describe('Inspection', () => {
  describe('PlanInspection', () => {
    it('given nothing, when a leader plans, then InspectionPlanned', () => {
      expect(given([], planCommand())).toEqual([planned()]);
    });
    it('ties it to a plan in the leader’s subtree and to one of its count targets', () => {
      const cmd = planCommand({ planId: 'p-1', target: 'KT', plan: { issuer: 'UBND-SH', countTargets: ['KT'] } });
      expect(given([], cmd)).toEqual([planned({ planId: 'p-1', target: 'KT' })]);
    });
    it.each([
      [{ offices: [] }, 'INVALID_OFFICES', 'offices'],
      [{ offices: ['SH-VP', 'SH-VP'] }, 'INVALID_OFFICES', 'offices'],
      [{ offices: ['SH-NV'] }, 'INVALID_OFFICES', 'offices'],
      [{ offices: ['sh vp'] }, 'INVALID_OFFICE_CODE', 'offices[0]'],
      [{ period: { from: '2024-05-01', to: '2024-04-30' } }, 'INVALID_PERIOD', 'period.to'],
      [{ period: { from: '2024-02-30', to: '2024-04-30' } }, 'INVALID_DATE', 'period.from'],
      [{ title: ' ' }, 'INVALID_TITLE', 'title'],
      [{ criteria: ['một'] }, 'INVALID_CRITERION', 'criteria[0]'],
      [{ target: 'KT' }, 'PLAN_REQUIRED', 'plan'],
      [{ planId: 'p-1', target: 'XH', plan: { issuer: 'UBND-SH', countTargets: ['KT'] } }, 'TARGET_NOT_COUNT', 'target'],
    ])('refuses %j: %s', (over, code, field) => {
      expect(errorOf(() => given([], planCommand(over as never)))).toEqual([code, 'validation', field]);
    });
    it('is for leaders (and admins), over the inspecting and the inspected offices', () => {
      expect(errorOf(() => given([], planCommand(), inspector()))).toEqual(['ROLE_NOT_ALLOWED', 'forbidden', undefined]);
      expect(errorOf(() => given([], planCommand(), nvOfficer()))).toEqual(['ROLE_NOT_ALLOWED', 'forbidden', undefined]);
      expect(errorOf(() => given([], planCommand(), testContext('leader', 'UBND-BS', AT)))).toEqual([
        'OUTSIDE_SUBTREE',
        'forbidden',
        undefined,
      ]);
      expect(errorOf(() => given([], planCommand({ offices: ['SH-VP', 'BS-NV'] })))).toEqual(['OUTSIDE_SUBTREE', 'forbidden', undefined]);
      expect(errorOf(() => given([], planCommand({ planId: 'p-9', plan: { issuer: 'UBND-BS', countTargets: [] } })))).toEqual([
        'PLAN_OUTSIDE_SUBTREE',
        'forbidden',
        undefined,
      ]);
      expect(given([], planCommand(), testContext('admin', 'UBND-QNG', AT))).toEqual([planned()]);
    });
    it('refuses an existing inspection: INSPECTION_EXISTS', () => {
      expect(errorOf(() => given([planned()], planCommand()))).toEqual(['INSPECTION_EXISTS', 'conflict', 'id']);
    });
  });

  describe('RescheduleInspection', () => {
    const reschedule = (from: string, to: string): InspectionCommand => ({
      type: 'RescheduleInspection',
      data: { period: { from, to }, reason: 'Lùi lịch' },
    });
    it('moves the period, keeping the previous one', () => {
      expect(given([planned()], reschedule('2024-04-01', '2024-05-31'))).toEqual([
        {
          type: 'InspectionRescheduled',
          data: {
            previous: { from: '2024-03-01', to: '2024-04-30' },
            period: { from: '2024-04-01', to: '2024-05-31' },
            reason: 'Lùi lịch',
          },
        },
      ]);
      expect(inspectionOf([planned(), ...given([planned()], reschedule('2024-04-01', '2024-05-31'))]).period).toEqual({
        from: '2024-04-01',
        to: '2024-05-31',
      });
    });
    it('records nothing for the same period', () => {
      expect(given([planned()], reschedule('2024-03-01', '2024-04-30'))).toEqual([]);
    });
    it('refuses a period that leaves out a visit: CONDUCTED_OUTSIDE_PERIOD', () => {
      expect(errorOf(() => given([planned(), conducted('SH-VP', '2024-03-10')], reschedule('2024-04-01', '2024-05-31')))).toEqual([
        'CONDUCTED_OUTSIDE_PERIOD',
        'conflict',
        'period',
      ]);
    });
    it('refuses without a reason, and on a concluded or cancelled inspection', () => {
      expect(
        errorOf(() =>
          given([planned()], { type: 'RescheduleInspection', data: { period: { from: '2024-04-01', to: '2024-05-01' }, reason: '' } }),
        ),
      ).toEqual(['REASON_REQUIRED', 'validation', 'reason']);
      expect(
        errorOf(() => given([planned(), conducted('SH-VP', '2024-03-10'), concluded], reschedule('2024-03-01', '2024-05-31')))?.[0],
      ).toBe('INSPECTION_CONCLUDED');
      expect(errorOf(() => given([planned(), cancelled], reschedule('2024-03-01', '2024-05-31')))?.[0]).toBe('INSPECTION_CANCELLED');
    });
    it('is for leaders over every office of it, not the recorders nor the head of the inspecting office', () => {
      expect(errorOf(() => given([planned()], reschedule('2024-04-01', '2024-05-31'), inspector()))?.[0]).toBe('ROLE_NOT_ALLOWED');
      expect(errorOf(() => given([planned()], reschedule('2024-04-01', '2024-05-31'), testContext('leader', 'SH-NV', AT)))).toEqual([
        'OUTSIDE_SUBTREE',
        'forbidden',
        undefined,
      ]);
    });
    it('refuses a missing inspection: INSPECTION_NOT_FOUND', () => {
      expect(errorOf(() => given([], reschedule('2024-04-01', '2024-05-31')))).toEqual(['INSPECTION_NOT_FOUND', 'not_found', undefined]);
    });
  });

  describe('RecordInspectionConducted', () => {
    it('records a visit per inspected office, by the inspecting office, an inspector above it or a leader', () => {
      for (const ctx of [nvOfficer(), inspector(), leader()])
        expect(given([planned()], conduct('SH-VP', '2024-03-10'), ctx)).toEqual([conducted('SH-VP', '2024-03-10')]);
      expect(inspectionOf([planned(), conducted('SH-VP', '2024-03-10'), conducted('SH-X-SONHA', '2024-03-12')]).conducted).toEqual({
        'SH-VP': '2024-03-10',
        'SH-X-SONHA': '2024-03-12',
      });
    });
    it('records nothing for the same day again; another day corrects it', () => {
      expect(given([planned(), conducted('SH-VP', '2024-03-10')], conduct('SH-VP', '2024-03-10'))).toEqual([]);
      expect(given([planned(), conducted('SH-VP', '2024-03-10')], conduct('SH-VP', '2024-03-11'))).toEqual([
        conducted('SH-VP', '2024-03-11'),
      ]);
    });
    it.each([
      [conduct('SH-TP', '2024-03-10'), 'OFFICE_NOT_INSPECTED', 'validation', 'office'],
      [conduct('SH-VP', '10/03/2024'), 'INVALID_DATE', 'validation', 'on'],
      [conduct('SH-VP', '2024-03-16'), 'CONDUCTED_IN_FUTURE', 'validation', 'on'],
      [conduct('SH-VP', '2024-02-28'), 'CONDUCTED_OUTSIDE_PERIOD', 'conflict', 'on'],
    ])('refuses %j: %s', (cmd, code, category, field) => {
      expect(errorOf(() => given([planned()], cmd))).toEqual([code, category, field]);
    });
    it('is not for the inspected office, another office’s officer, or a leader of another district', () => {
      expect(errorOf(() => given([planned()], conduct('SH-VP', '2024-03-10'), testContext('officer', 'SH-VP', AT)))?.[0]).toBe(
        'NOT_INSPECTING_OFFICE',
      );
      expect(errorOf(() => given([planned()], conduct('SH-VP', '2024-03-10'), testContext('leader', 'UBND-BS', AT)))?.[0]).toBe(
        'OUTSIDE_SUBTREE',
      );
      expect(errorOf(() => given([planned()], conduct('SH-VP', '2024-03-10'), testContext('inspector', 'UBND-BS', AT)))?.[0]).toBe(
        'OUTSIDE_SUBTREE',
      );
    });
    it('refuses on a concluded or cancelled inspection', () => {
      expect(errorOf(() => given([planned(), conducted('SH-VP', '2024-03-10'), concluded], conduct('SH-X-SONHA', '2024-03-12')))?.[0]).toBe(
        'INSPECTION_CONCLUDED',
      );
      expect(errorOf(() => given([planned(), cancelled], conduct('SH-X-SONHA', '2024-03-12')))?.[0]).toBe('INSPECTION_CANCELLED');
    });
  });

  describe('ConcludeInspection', () => {
    const visited = [planned(), conducted('SH-VP', '2024-03-10'), conducted('SH-X-SONHA', '2024-03-12')];
    it('concludes with the conclusion’s number and date', () => {
      expect(given(visited, conclude(), nvOfficer())).toEqual([concluded]);
      const state = inspectionOf([...visited, concluded]);
      expect([state.status, state.conclusion]).toEqual(['concluded', { documentNumber: '15/KL-UBND', concludedOn: '2024-03-15' }]);
    });
    it.each([
      [conclude('', '2024-03-15'), 'DOCUMENT_NUMBER_REQUIRED', 'validation', 'documentNumber'],
      [conclude('15/KL-UBND', '2024-03-11'), 'CONCLUDED_BEFORE_VISIT', 'validation', 'concludedOn'],
      [conclude('15/KL-UBND', '2024-03-16'), 'CONCLUDED_IN_FUTURE', 'validation', 'concludedOn'],
      [conclude('15/KL-UBND', '15/03/2024'), 'INVALID_DATE', 'validation', 'concludedOn'],
    ])('refuses %j: %s', (cmd, code, category, field) => {
      expect(errorOf(() => given(visited, cmd))).toEqual([code, category, field]);
    });
    it('refuses before any visit, twice, or when cancelled', () => {
      expect(errorOf(() => given([planned()], conclude()))).toEqual(['INSPECTION_NOT_CONDUCTED', 'conflict', undefined]);
      expect(errorOf(() => given([...visited, concluded], conclude()))?.[0]).toBe('INSPECTION_CONCLUDED');
      expect(errorOf(() => given([...visited, cancelled], conclude()))?.[0]).toBe('INSPECTION_CANCELLED');
    });
    it('is not for an inspected office', () => {
      expect(errorOf(() => given(visited, conclude(), testContext('officer', 'SH-X-SONHA', AT)))?.[0]).toBe('NOT_INSPECTING_OFFICE');
    });
  });

  describe('CancelInspection', () => {
    const cancel: InspectionCommand = { type: 'CancelInspection', data: { reason: 'Trùng lịch' } };
    it('cancels with a reason, once', () => {
      expect(given([planned()], cancel)).toEqual([cancelled]);
      expect(inspectionOf([planned(), cancelled]).status).toBe('cancelled');
      expect(errorOf(() => given([planned(), cancelled], cancel))?.[0]).toBe('INSPECTION_CANCELLED');
    });
    it('refuses without a reason, after the conclusion, and for anyone but a leader over it', () => {
      expect(errorOf(() => given([planned()], { type: 'CancelInspection', data: { reason: ' ' } }))).toEqual([
        'REASON_REQUIRED',
        'validation',
        'reason',
      ]);
      expect(errorOf(() => given([planned(), conducted('SH-VP', '2024-03-10'), concluded], cancel))?.[0]).toBe('INSPECTION_CONCLUDED');
      expect(errorOf(() => given([planned()], cancel, nvOfficer()))?.[0]).toBe('ROLE_NOT_ALLOWED');
      expect(errorOf(() => given([planned()], cancel, testContext('leader', 'UBND-BS', AT)))?.[0]).toBe('OUTSIDE_SUBTREE');
    });
  });
});
