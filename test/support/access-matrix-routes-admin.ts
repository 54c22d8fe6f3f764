// Access-matrix rows for operations and reference data: digests, imports, index frameworks, users.
import { fresh } from './e2e-world';
import { AREAS, Route, aLeader } from './access-matrix-world';

export const ADMIN_ROUTES: Route[] = [
  { name: 'POST /v1/digests/run', kind: 'admin', path: () => '/v1/digests/run', body: () => ({ week: '2026-W45' }) },
  { name: 'POST /v1/imports', kind: 'admin', path: () => '/v1/imports', body: () => ({}) },
  {
    name: 'POST /v1/index-frameworks',
    kind: 'admin',
    path: () => '/v1/index-frameworks',
    body: () => ({ code: `F${fresh()}`, year: 2026, level: 'district', areas: AREAS }),
  },
  {
    name: 'PATCH /v1/index-frameworks/{code}/{year}/{level}',
    method: 'patch',
    kind: 'admin',
    path: (f) => `/v1/index-frameworks/${f.framework}/2026/district`,
    body: () => ({ name: 'Đính chính', reason: 'Theo quyết định công bố' }),
    stream: (f) => `indexFramework-${f.framework}:2026:district`,
  },
  {
    name: 'POST /v1/index-frameworks/{code}/{year}/{level}/scores',
    kind: 'leader',
    path: (f) => `/v1/index-frameworks/${f.framework}/2026/district/scores`,
    body: (f) => ({ unit: f.a.district, scores: { '1': '8' } }),
    stream: (f) => `indexFramework-${f.framework}:2026:district`,
    variants: [
      {
        name: 'for another district',
        token: aLeader,
        body: (f) => ({ unit: f.b.district, scores: { '1': '8' } }),
        code: 'OUTSIDE_SUBTREE',
      },
    ],
  },
  // Users (issue 15): a leader manages officers of its subtree only; the user is an officer of A-TC.
  {
    name: 'POST /v1/users',
    kind: 'leader',
    path: () => '/v1/users',
    body: (f) => ({ username: `u.${fresh().toLowerCase()}`, name: 'Cán bộ', grants: [{ role: 'officer', office: f.a.tc }] }),
  },
  ...(['grants', 'grants/revoke'] as const).map((suffix): Route => ({
    name: `POST /v1/users/{id}/${suffix}`,
    kind: 'leader',
    path: (f) => `/v1/users/${f.user}/${suffix}`,
    body: (f) => ({ role: 'officer', office: f.a.tc }),
    stream: (f) => `user-${f.user}`,
  })),
  {
    name: 'POST /v1/users/{id}/disable',
    kind: 'leader',
    path: (f) => `/v1/users/${f.user}/disable`,
    body: () => ({ reason: 'Nghỉ việc' }),
    stream: (f) => `user-${f.user}`,
  },
  {
    name: 'POST /v1/users/{id}/enable',
    kind: 'leader',
    path: (f) => `/v1/users/${f.user}/enable`,
    body: () => ({}),
    stream: (f) => `user-${f.user}`,
  },
  {
    name: 'POST /v1/users/{id}/password-reset',
    kind: 'leader',
    path: (f) => `/v1/users/${f.user}/password-reset`,
    body: () => ({}),
    stream: (f) => `user-${f.user}`,
  },
];
