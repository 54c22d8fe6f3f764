// The write routes of test/bad-input.e2e-spec.ts, each with a body its actor could send and the fields to break.
import { PlanWorld, fresh } from './e2e-world';

export interface Fixture {
  w: PlanWorld;
  open: string;
  pending: string;
  requestId: string;
  awaiting: string;
  cancelled: string;
}

export interface Route {
  name: string;
  path: (f: Fixture) => string;
  token: (f: Fixture) => string;
  /** A body the actor could send successfully. */
  body: (f: Fixture) => Record<string, unknown>;
  /** A required field (omitted → 400 naming it); none for routes whose fields are all optional. */
  required?: string;
  /** A field given a value of the wrong type. */
  wrongType: [field: string, value: unknown];
  /** A date field ('a.b' for nested), for 2024-02-30. */
  date?: string;
  /** A deadline phrase field. */
  phrase?: string;
  stream?: (f: Fixture) => string;
}

const leader = (f: Fixture) => f.w.leader;
const officer = (f: Fixture) => f.w.officer(f.w.nv);
const admin = (f: Fixture) => f.w.admin;

const task = (
  pick: (f: Fixture) => string,
  suffix: string,
  token: (f: Fixture) => string,
  rest: Omit<Route, 'name' | 'path' | 'token' | 'stream'>,
): Route => ({
  name: `POST /v1/tasks/:id/${suffix.replace('REQ', ':rid')}`,
  path: (f) => `/v1/tasks/${pick(f)}/${suffix.replace('REQ', f.requestId)}`,
  token,
  stream: (f) => `task-${pick(f)}`,
  ...rest,
});

export const ROUTES: Route[] = [
  {
    name: 'POST /v1/offices',
    path: () => '/v1/offices',
    token: admin,
    body: (f) => ({ code: `N-${fresh()}`, name: 'Phòng mới', parent: f.w.district, level: 'office' }),
    required: 'code',
    wrongType: ['name', 123],
  },
  {
    name: 'POST /v1/offices/:code/merge',
    path: (f) => `/v1/offices/${f.w.tc}/merge`,
    token: admin,
    body: (f) => ({ into: f.w.vp, reason: 'Sắp xếp bộ máy' }),
    required: 'into',
    wrongType: ['reason', 5],
    stream: (f) => `office-${f.w.tc}`,
  },
  {
    name: 'POST /v1/directives',
    path: () => '/v1/directives',
    token: leader,
    body: (f) => ({
      number: `${fresh()}/QĐ-UBND`,
      kind: 'Quyết định',
      issuedOn: '2026-10-01',
      issuer: f.w.district,
      title: 'Quyết định',
      basis: ['57/QĐ-UBND'],
    }),
    required: 'number',
    wrongType: ['basis', '57/QĐ-UBND'],
    date: 'issuedOn',
  },
  {
    name: 'POST /v1/plans',
    path: () => '/v1/plans',
    token: leader,
    body: (f) => ({
      code: `KH-${fresh()}`,
      issuer: f.w.district,
      title: 'Kế hoạch',
      period: { from: '2026-11-01', to: '2027-12-31' },
      requiresAcceptance: true,
    }),
    required: 'title',
    wrongType: ['requiresAcceptance', 'yes'],
    date: 'period.from',
  },
  {
    name: 'POST /v1/plans/:id/targets/:code/measurements',
    path: (f) => `/v1/plans/${f.w.planId}/targets/CT-1/measurements`,
    token: leader,
    body: () => ({ value: '96.5', asOf: '2026-11-01', source: '117/BC-UBND' }),
    required: 'value',
    wrongType: ['value', true],
    date: 'asOf',
    stream: (f) => `plan-${f.w.planId}`,
  },
  {
    name: 'POST /v1/plans/:id/tasks',
    path: (f) => `/v1/plans/${f.w.planId}/tasks`,
    token: leader,
    body: (f) => ({ title: 'Nhiệm vụ', lead: f.w.nv, dueOn: '2027-03-31', criterion: '1.3.2' }),
    required: 'title',
    wrongType: ['lead', 42],
    date: 'dueOn',
    phrase: 'deadlinePhrase',
  },
  task((f) => f.open, 'acknowledge', officer, { body: () => ({}), wrongType: ['body', [1, 2]] }),
  task((f) => f.open, 'progress', officer, {
    body: () => ({ note: 'Đang thực hiện', percent: 10 }),
    required: 'note',
    wrongType: ['percent', '50'],
  }),
  task((f) => f.open, 'extension-requests', officer, {
    body: () => ({ dueOn: '2027-06-30', reason: 'Xin gia hạn' }),
    required: 'reason',
    wrongType: ['dueOn', 20270630],
    date: 'dueOn',
    phrase: 'deadlinePhrase',
  }),
  task((f) => f.pending, 'extension-requests/REQ/grant', leader, {
    body: () => ({ dueOn: '2027-07-31', note: 'Đồng ý' }),
    wrongType: ['note', 7],
    date: 'dueOn',
  }),
  task((f) => f.pending, 'extension-requests/REQ/deny', leader, {
    body: () => ({ reason: 'Không đồng ý' }),
    required: 'reason',
    wrongType: ['reason', false],
  }),
  task((f) => f.open, 'deadline', leader, {
    body: () => ({ dueOn: '2027-05-31', reason: 'Điều chỉnh' }),
    required: 'dueOn',
    wrongType: ['reason', 1],
    date: 'dueOn',
  }),
  task((f) => f.open, 'completion', officer, {
    body: () => ({ note: 'Hoàn thành', evidence: [{ documentNumber: '117/BC-UBND' }], achievedValue: 96 }),
    required: 'note',
    wrongType: ['evidence', '117/BC-UBND'],
    date: 'completedOn',
  }),
  task((f) => f.awaiting, 'completion/accept', leader, { body: () => ({ note: 'Đạt' }), wrongType: ['note', 3] }),
  task((f) => f.awaiting, 'completion/return', leader, {
    body: () => ({ reason: 'Chưa đạt' }),
    required: 'reason',
    wrongType: ['reason', ['a']],
  }),
  task((f) => f.open, 'reassign', leader, {
    body: (f) => ({ lead: f.w.tc, reason: 'Đúng chức năng' }),
    required: 'lead',
    wrongType: ['lead', 1],
  }),
  task((f) => f.open, 'cancel', leader, {
    body: () => ({ reason: 'Không còn phù hợp' }),
    required: 'reason',
    wrongType: ['reason', { text: 'x' }],
  }),
  task((f) => f.cancelled, 'reopen', leader, { body: () => ({ reason: 'Tiếp tục' }), required: 'reason', wrongType: ['reason', null] }),
];

/** Sets a possibly nested field ('period.from') on a copy of the body. */
export function withField(body: Record<string, unknown>, field: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  const parts = field.split('.');
  let target = copy as Record<string, unknown>;
  for (const p of parts.slice(0, -1)) target = target[p] as Record<string, unknown>;
  target[parts[parts.length - 1]] = value;
  return copy;
}
