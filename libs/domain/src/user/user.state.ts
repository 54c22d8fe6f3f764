import { Grant } from './user.events';

export interface User {
  id: string;
  username: string;
  name: string;
  email: string | null;
  status: 'active' | 'disabled';
  /** In the order granted: the first is the active grant at sign-in. */
  grants: Grant[];
  passwordHash: string | null;
  mustChangePassword: boolean;
}

export type UserState = User | null;
export const initialUserState: UserState = null;

export const userStreamId = (id: string): string => `user-${id}`;
export const sameGrant = (a: Grant, b: Grant): boolean => a.role === b.role && a.office === b.office;
