// Access-matrix rows for inspections and their findings (issue 20).
import { todayLocal } from './e2e-world';
import { INSPECTION_PERIOD, Route, aLeader } from './access-matrix-world';

export const INSPECTION_ROUTES: Route[] = [
  // Inspections (issue 20): leaders plan, reschedule, cancel and raise remediation; the inspecting office and inspectors record.
  {
    name: 'POST /v1/inspections',
    kind: 'leader',
    path: () => '/v1/inspections',
    body: (f) => ({ title: 'Kiểm tra', inspectingOffice: f.a.nv, offices: [f.a.vp, f.a.commune], period: INSPECTION_PERIOD }),
    variants: [
      {
        name: 'of another district’s office',
        token: aLeader,
        body: (f) => ({ title: 'x', inspectingOffice: f.a.nv, offices: [f.a.vp, f.b.vp], period: INSPECTION_PERIOD }),
        code: 'OUTSIDE_SUBTREE',
      },
      {
        name: 'in another district’s plan',
        token: aLeader,
        body: (f) => ({ title: 'x', inspectingOffice: f.a.nv, offices: [f.a.vp], period: INSPECTION_PERIOD, plan: f.b.planId }),
        code: 'PLAN_OUTSIDE_SUBTREE',
      },
    ],
  },
  ...(['reschedule', 'cancel'] as const).map((suffix): Route => ({
    name: `POST /v1/inspections/{id}/${suffix}`,
    kind: 'leader',
    path: (f) => `/v1/inspections/${f.inspection}/${suffix}`,
    body: () =>
      suffix === 'cancel' ? { reason: 'Trùng lịch' } : { period: { ...INSPECTION_PERIOD, to: '2099-11-30' }, reason: 'Lùi lịch' },
    stream: (f) => `inspection-${f.inspection}`,
  })),
  {
    name: 'POST /v1/inspections/{id}/conducted',
    kind: 'recorder',
    path: (f) => `/v1/inspections/${f.inspection}/conducted`,
    body: (f) => ({ office: f.a.vp, on: todayLocal() }),
    stream: (f) => `inspection-${f.inspection}`,
  },
  {
    name: 'POST /v1/inspections/{id}/conclude',
    kind: 'recorder',
    path: (f) => `/v1/inspections/${f.inspection}/conclude`,
    body: () => ({ documentNumber: '15/KL-UBND', concludedOn: todayLocal() }),
    stream: (f) => `inspection-${f.inspection}`,
  },
  {
    name: 'POST /v1/inspections/{id}/findings',
    kind: 'recorder',
    path: (f) => `/v1/inspections/${f.inspection}/findings`,
    body: (f) => ({ office: f.a.vp, severity: 'minor', description: 'Chưa niêm yết', requirement: 'Niêm yết' }),
  },
  {
    name: 'POST /v1/inspections/{id}/findings/import',
    kind: 'recorder',
    path: (f) => `/v1/inspections/${f.inspection}/findings/import`,
    body: () => ({}),
  },
  ...(['resolve', 'reopen', 'withdraw'] as const).map((suffix): Route => ({
    name: `POST /v1/findings/{id}/${suffix}`,
    kind: 'recorder',
    path: (f) => `/v1/findings/${suffix === 'reopen' ? f.findingResolved : f.findingOpen}/${suffix}`,
    body: () => (suffix === 'resolve' ? { note: 'Đã khắc phục' } : { reason: 'Lý do' }),
    stream: (f) => `finding-${suffix === 'reopen' ? f.findingResolved : f.findingOpen}`,
  })),
  {
    name: 'POST /v1/findings/{id}/remediation',
    kind: 'leader',
    path: (f) => `/v1/findings/${f.findingOpen}/remediation`,
    body: (f) => ({ title: 'Khắc phục', lead: f.a.vp, dueOn: '2027-03-31' }),
    stream: (f) => `finding-${f.findingOpen}`,
    variants: [
      {
        name: 'in another district’s plan',
        token: aLeader,
        body: (f) => ({ title: 'x', lead: f.a.vp, dueOn: '2027-03-31', plan: f.b.planId }),
        code: 'OUTSIDE_SUBTREE',
      },
    ],
  },
];
