import { DomainEvent, Role } from '../shared';

export interface Grant {
  role: Role;
  office: string;
}

export type UserRegistered = DomainEvent<'UserRegistered', { userId: string; username: string; name: string; email: string | null }>;
export type UserGranted = DomainEvent<'UserGranted', { userId: string; role: Role; office: string }>;
export type UserGrantRevoked = DomainEvent<'UserGrantRevoked', { userId: string; role: Role; office: string }>;
export type UserDisabled = DomainEvent<'UserDisabled', { userId: string; reason: string }>;
export type UserEnabled = DomainEvent<'UserEnabled', { userId: string; reason: string | null }>;
/** A hash (scrypt, self-describing), never the password; `mustChange` forces a change at next sign-in. */
export type PasswordSet = DomainEvent<'PasswordSet', { userId: string; hash: string; mustChange: boolean }>;

export type UserEvent = UserRegistered | UserGranted | UserGrantRevoked | UserDisabled | UserEnabled | PasswordSet;
export type UserEventType = UserEvent['type'];
export const USER_EVENT_TYPES: readonly UserEventType[] = [
  'UserRegistered',
  'UserGranted',
  'UserGrantRevoked',
  'UserDisabled',
  'UserEnabled',
  'PasswordSet',
];

/** Usernames span users (unique, case-insensitive): claimed in a stream of their own first. */
export type UsernameClaimed = DomainEvent<'UsernameClaimed', { username: string; userId: string }>;
