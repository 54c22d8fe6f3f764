import { Grant } from './user.events';

/** `passwordHash: null`: a user who signs in only through single sign-on. */
export interface RegisterUser {
  type: 'RegisterUser';
  data: {
    userId: string;
    username: string;
    name: string;
    email?: string | null;
    grants: Grant[];
    passwordHash: string | null;
    mustChange: boolean;
  };
}
export interface GrantRole {
  type: 'GrantRole';
  data: Grant;
}
export interface RevokeGrant {
  type: 'RevokeGrant';
  data: Grant;
}
export interface DisableUser {
  type: 'DisableUser';
  data: { reason: string };
}
export interface EnableUser {
  type: 'EnableUser';
  data: { reason?: string | null };
}
/** By an admin or a leader in scope: a one-time password, to be changed at first sign-in. */
export interface ResetPassword {
  type: 'ResetPassword';
  data: { passwordHash: string };
}
/** By the user, who proved the current password (the application checks it). */
export interface ChangeOwnPassword {
  type: 'ChangeOwnPassword';
  data: { passwordHash: string };
}

export type UserCommand = RegisterUser | GrantRole | RevokeGrant | DisableUser | EnableUser | ResetPassword | ChangeOwnPassword;
