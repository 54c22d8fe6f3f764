export type Role = 'leader' | 'officer' | 'inspector' | 'admin';
export const ROLES: readonly Role[] = ['leader', 'officer', 'inspector', 'admin'];

/** Who acts: taken from the verified token, recorded on every event. */
export interface Actor {
  userId: string;
  name?: string;
  role: Role;
  /** The office code the role applies to. */
  office: string;
}

/**
 * What a decision needs besides the state and the command. `occurredAt` is business time: equal to
 * `recordedAt` except for an admin's back-fill. `isWithin(office, ancestor)` answers from the office
 * tree, which the application owns; the domain only asks.
 */
export interface CommandContext {
  actor: Actor;
  occurredAt: Date;
  recordedAt: Date;
  isWithin(office: string, ancestor: string): boolean;
}
