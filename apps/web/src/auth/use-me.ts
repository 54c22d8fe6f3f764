import { useQuery } from '@tanstack/react-query';
import { credentials, Me } from './credentials';

export interface SessionUser {
  user: {
    id: string;
    username: string;
    name: string;
    activeGrant: { role: Me['role']; office: string } | null;
    mustChangePassword?: boolean;
  } | null;
}

/** The signed-in person and the grant they act under; null when nobody is signed in. */
export function useMe() {
  return useQuery({ queryKey: ['me'], staleTime: 60_000, queryFn: fetchMe });
}

/** `useMe`'s question, also asked by the sign-in page as soon as the session exists. */
export async function fetchMe(): Promise<Me | null> {
  const fromToken = credentials.fromToken();
  if (fromToken) return fromToken;
  const res = await fetch('/v1/auth/me', { credentials: 'same-origin' });
  if (!res.ok) return null;
  const { user } = (await res.json()) as SessionUser;
  return meOf(user);
}

/** The person as /v1/auth/me and the sign-in answer describe them (the same view). */
export function meOf(user: SessionUser['user']): Me | null {
  // A person with no grant yet has nothing to see: the sign-in page says so.
  if (!user?.activeGrant) return null;
  return {
    userId: user.id,
    name: user.name,
    role: user.activeGrant.role,
    office: user.activeGrant.office,
    mustChangePassword: user.mustChangePassword,
  };
}
