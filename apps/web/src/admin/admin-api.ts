import { api } from '../api/client';
import { unwrap } from '../api/problem';

/**
 * Shapes of the administration routes whose OpenAPI entries carry no response schema (users,
 * digests): written here from API.md and the controllers, so the pages read them typed.
 */
export type Role = 'leader' | 'officer' | 'inspector' | 'admin';
export interface Grant {
  role: Role;
  office: string;
}
export interface User {
  id: string;
  username: string;
  name: string;
  email: string | null;
  status: 'active' | 'disabled';
  grants: Grant[];
  mustChangePassword: boolean;
  disabledReason: string | null;
  createdAt: string;
  version: number;
}
export interface DigestCounts {
  overdue: number;
  dueThisWeek: number;
  dueSoon: number;
  rollup: { offices: number; overdue: number; dueThisWeek: number; dueSoon: number } | null;
}
export interface DigestSummary {
  id: string;
  week: string;
  office: string;
  officeName: string;
  asOf: string;
  counts: DigestCounts;
  subject: string;
  recipients: string[];
  status: 'issued' | 'delivered' | 'failed';
  issuedAt: string;
  deliveredAt?: string;
}
export interface Digest extends DigestSummary {
  html: string;
  text: string;
  attempts: number;
  failures: { at: string; error: string }[];
}
export interface DigestRun {
  week: string;
  issued: string[];
  delivered: string[];
  failed: { id: string; error: string }[];
  notMailed?: number;
}

export const ROLE_LABELS: Record<Role, string> = { leader: 'Lãnh đạo', officer: 'Chuyên viên', inspector: 'Thanh tra', admin: 'Quản trị' };
export const ROLE_OPTIONS = (Object.keys(ROLE_LABELS) as Role[]).map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export const listUsers = async (): Promise<User[]> =>
  ((await unwrap(api.GET('/v1/users', { params: { query: {} } }))) as unknown as { items: User[] }).items;
export const listDigests = async (query: { week?: string; office?: string }): Promise<DigestSummary[]> =>
  (await unwrap(api.GET('/v1/digests', { params: { query } }))) as unknown as DigestSummary[];
export const getDigest = async (id: string): Promise<Digest> =>
  (await unwrap(api.GET('/v1/digests/{id}', { params: { path: { id } } }))) as unknown as Digest;
