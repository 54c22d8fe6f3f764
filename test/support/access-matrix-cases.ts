// The ways of being refused, each applied to every write route of the access matrix (test/access-matrix-*.e2e-spec.ts).
import jwt from 'jsonwebtoken';
import { TestApp, TEST_JWT_SECRET } from './test-app';
import type { Fixture, Kind, Route } from './access-matrix-world';

const claims = (f: Fixture) => ({ sub: 'someone', role: 'leader' as const, office: f.a.district });
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

export interface Case {
  name: string;
  status: 401 | 403;
  /** null: no Authorization header. */
  token: (t: TestApp, f: Fixture, kind: Kind) => string | null;
  /** The kinds of route the case applies to (default: all). */
  only?: Kind[];
  /** The code expected, when the case has one of its own. */
  code?: (route: Route) => string | undefined;
}

export const CASES: Case[] = [
  { name: 'no token', status: 401, token: () => null, code: () => 'UNAUTHENTICATED' },
  {
    name: 'bad signature',
    status: 401,
    token: (_t, f) => jwt.sign(claims(f), 'another-secret-that-is-long-enough-0123456789', { algorithm: 'HS256', expiresIn: '1h' }),
  },
  {
    name: 'alg none',
    status: 401,
    token: (_t, f) =>
      `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims(f), role: 'admin', exp: Math.floor(Date.now() / 1000) + 3600 })}.`,
  },
  {
    name: 'expired token',
    status: 401,
    token: (_t, f) => jwt.sign({ ...claims(f), exp: Math.floor(Date.now() / 1000) - 60 }, TEST_JWT_SECRET, { algorithm: 'HS256' }),
  },
  {
    name: 'wrong role',
    status: 403,
    // admin routes: the district's own leader; leader routes: the lead office's officer; officer routes: the district's leader;
    // recorder routes: an inspected office, which never records about itself.
    token: (t, f, kind) =>
      kind === 'admin'
        ? t.token('leader', f.a.district)
        : kind === 'leader'
          ? t.token('officer', f.a.nv)
          : kind === 'recorder'
            ? t.token('officer', f.a.vp)
            : t.token('leader', f.a.district),
  },
  // Item 8.
  { name: 'leader of another district', status: 403, token: (t, f) => t.token('leader', f.b.district) },
  // Item 9: the head of the lead office reports and asks (officer routes), but decides nothing.
  {
    name: 'head of the lead office (a leader token of the lead office)',
    status: 403,
    token: (t, f) => t.token('leader', f.a.nv),
    only: ['leader', 'admin'],
    code: (route) => (route.decision ? 'LEAD_OFFICE_MAY_NOT_DECIDE' : route.kind === 'leader' ? 'OUTSIDE_SUBTREE' : undefined),
  },
  // Item 10: reference data and operations are for admins, whatever the leader's level.
  {
    name: 'leader of another district on an admin route',
    status: 403,
    token: (t, f) => t.token('leader', f.b.district),
    only: ['admin'],
    code: () => undefined,
  },
  // On leader and admin routes an officer is the wrong-role case already.
  { name: 'officer of another office', status: 403, token: (t, f) => t.token('officer', f.a.tc), only: ['officer', 'recorder'] },
  {
    name: 'inspector of the district',
    status: 403,
    token: (t, f) => t.token('inspector', f.a.district),
    only: ['admin', 'leader', 'officer'],
  },
  // Inspectors record inspections (issue 20), within their subtree only.
  { name: 'inspector of another district', status: 403, token: (t, f) => t.token('inspector', f.b.district), only: ['recorder'] },
];

/** An inspection of A by A-NV of A-VP and the commune, with one finding open and one resolved. */
