// Access-matrix rows for the plan work: offices, directives, plans and their tasks.
import { fresh } from './e2e-world';
import { PERIOD, Route, aLeader, task } from './access-matrix-world';

export const PLAN_ROUTES: Route[] = [
  {
    name: 'POST /v1/offices',
    kind: 'admin',
    path: () => '/v1/offices',
    body: (f) => ({ code: `N-${fresh()}`, name: 'Phòng mới', parent: f.a.district }),
  },
  {
    name: 'POST /v1/offices/{code}/merge',
    kind: 'admin',
    path: (f) => `/v1/offices/${f.a.tc}/merge`,
    body: (f) => ({ into: f.a.vp, reason: 'Sắp xếp bộ máy' }),
    stream: (f) => `office-${f.a.tc}`,
  },
  ...(
    [
      ['rename', { name: 'Tên mới' }],
      ['move', { parent: null }],
      ['close', { reason: 'Giải thể' }],
    ] as const
  ).map(([suffix, body]): Route => ({
    name: `POST /v1/offices/{code}/${suffix}`,
    kind: 'admin',
    path: (f) => `/v1/offices/${f.a.commune}/${suffix}`,
    body: () => body,
    stream: (f) => `office-${f.a.commune}`,
  })),
  {
    name: 'POST /v1/directives',
    kind: 'leader',
    path: () => '/v1/directives',
    body: (f) => ({ number: `${fresh()}/QĐ-UBND`, kind: 'Quyết định', issuedOn: '2026-10-01', issuer: f.a.district, title: 'Quyết định' }),
    variants: [
      {
        name: 'issued in the name of another district',
        token: aLeader,
        body: (f) => ({ number: `${fresh()}/QĐ-UBND`, kind: 'Quyết định', issuedOn: '2026-10-01', issuer: f.b.district, title: 'x' }),
        code: 'OUTSIDE_SUBTREE',
      },
    ],
  },
  {
    name: 'POST /v1/plans',
    kind: 'leader',
    path: () => '/v1/plans',
    // With a code: the code's claim must not be written when the plan is refused.
    body: (f) => ({ code: `KH-${fresh()}`, issuer: f.a.district, title: 'Kế hoạch', period: PERIOD }),
    variants: [
      {
        name: 'issued by another district',
        token: aLeader,
        body: (f) => ({ code: `KH-${fresh()}`, issuer: f.b.district, title: 'x', period: PERIOD }),
        code: 'OUTSIDE_SUBTREE',
      },
      {
        name: 'citing another district’s directive',
        token: aLeader,
        body: (f) => ({ code: `KH-${fresh()}`, directiveId: f.b.directiveId, issuer: f.a.district, title: 'x', period: PERIOD }),
        code: 'DIRECTIVE_OUTSIDE_SCOPE',
      },
      {
        name: 'followed up by another district’s office',
        token: aLeader,
        body: (f) => ({ code: `KH-${fresh()}`, issuer: f.a.district, followUp: f.b.vp, title: 'x', period: PERIOD }),
        code: 'OUTSIDE_SUBTREE',
      },
    ],
  },
  {
    name: 'POST /v1/plans/{id}/targets/{code}/measurements',
    kind: 'leader',
    path: (f) => `/v1/plans/${f.a.planId}/targets/CT-1/measurements`,
    body: () => ({ value: '96.5', asOf: '2026-11-01', source: '117/BC-UBND' }),
    stream: (f) => `plan-${f.a.planId}`,
  },
  {
    name: 'POST /v1/plans/{id}/tasks',
    kind: 'leader',
    path: (f) => `/v1/plans/${f.a.planId}/tasks`,
    body: (f) => ({ title: 'Nhiệm vụ', lead: f.a.nv, dueOn: '2027-03-31' }),
    variants: [
      // The reported hole: B adds a task led by its own office to A's plan, by id.
      {
        name: 'another district’s leader, its own office as lead',
        token: (_t, f) => f.b.leader,
        body: (f) => ({ title: 'x', lead: f.b.nv, dueOn: '2027-03-31' }),
        code: 'OUTSIDE_SUBTREE',
      },
      {
        name: 'supported by another district’s office',
        token: aLeader,
        body: (f) => ({ title: 'x', lead: f.a.nv, supporting: [f.a.vp, f.b.vp], dueOn: '2027-03-31' }),
        code: 'OUTSIDE_SUBTREE',
      },
      {
        name: 'followed up by another district’s office',
        token: aLeader,
        body: (f) => ({ title: 'x', lead: f.a.nv, followUp: f.b.vp, dueOn: '2027-03-31' }),
        code: 'OUTSIDE_SUBTREE',
      },
      {
        name: 'led by another district’s office',
        token: aLeader,
        body: (f) => ({ title: 'x', lead: [f.a.nv, f.b.nv], dueOn: '2027-03-31' }),
        code: 'OUTSIDE_SUBTREE',
      },
      {
        name: 'a sub-task of another district’s task',
        token: aLeader,
        body: (f) => ({ title: 'x', lead: f.a.nv, parentTaskId: f.bTask, dueOn: '2027-03-31' }),
        code: 'UNKNOWN_PARENT_TASK',
        status: 400,
      },
      {
        name: 'led by the leader’s own office (it could not decide on it)',
        token: aLeader,
        body: (f) => ({ title: 'x', lead: f.a.district, dueOn: '2027-03-31' }),
        code: 'LEAD_OFFICE_MAY_NOT_DECIDE',
      },
    ],
  },
  task(
    (f) => f.open,
    'acknowledge',
    'officer',
    () => ({}),
  ),
  task(
    (f) => f.open,
    'progress',
    'officer',
    () => ({ note: 'Đang thực hiện', percent: 10 }),
  ),
  task(
    (f) => f.open,
    'extension-requests',
    'officer',
    () => ({ dueOn: '2027-06-30', reason: 'Xin gia hạn' }),
  ),
  task(
    (f) => f.pending,
    'extension-requests/REQ/grant',
    'leader',
    () => ({ note: 'Đồng ý' }),
  ),
  task(
    (f) => f.pending,
    'extension-requests/REQ/deny',
    'leader',
    () => ({ reason: 'Không đồng ý' }),
  ),
  task(
    (f) => f.open,
    'deadline',
    'leader',
    () => ({ dueOn: '2027-05-31', reason: 'Điều chỉnh' }),
  ),
  task(
    (f) => f.open,
    'completion',
    'officer',
    () => ({ note: 'Hoàn thành' }),
  ),
  task(
    (f) => f.awaiting,
    'completion/accept',
    'leader',
    () => ({ note: 'Đạt' }),
  ),
  task(
    (f) => f.awaiting,
    'completion/return',
    'leader',
    () => ({ reason: 'Chưa đạt' }),
  ),
  task(
    (f) => f.open,
    'reassign',
    'leader',
    (f) => ({ lead: f.a.tc, reason: 'Đúng chức năng' }),
    {
      variants: [
        { name: 'to another district’s office', token: aLeader, body: (f) => ({ lead: f.b.nv, reason: 'x' }), code: 'OUTSIDE_SUBTREE' },
        {
          name: 'to the leader’s own office',
          token: aLeader,
          body: (f) => ({ lead: f.a.district, reason: 'x' }),
          code: 'LEAD_OFFICE_MAY_NOT_DECIDE',
        },
      ],
    },
  ),
  task(
    (f) => f.open,
    'cancel',
    'leader',
    () => ({ reason: 'Không còn phù hợp' }),
  ),
  task(
    (f) => f.cancelled,
    'reopen',
    'leader',
    () => ({ reason: 'Tiếp tục' }),
  ),
];
