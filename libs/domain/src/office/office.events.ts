import { DomainEvent } from '../shared';
import { OfficeLevel } from './office.state';

export type OfficeRegistered = DomainEvent<
  'OfficeRegistered',
  { code: string; name: string; parent: string | null; level: OfficeLevel | null; email: string | null }
>;
export type OfficeRenamed = DomainEvent<'OfficeRenamed', { code: string; name: string; previousName: string }>;
export type OfficeMoved = DomainEvent<'OfficeMoved', { code: string; parent: string | null; previousParent: string | null }>;
/** The office's open tasks move to `into`: done by the application, which owns the task streams. */
export type OfficeMerged = DomainEvent<'OfficeMerged', { code: string; into: string; reason: string }>;
export type OfficeClosed = DomainEvent<'OfficeClosed', { code: string; reason: string | null }>;

export type OfficeEvent = OfficeRegistered | OfficeRenamed | OfficeMoved | OfficeMerged | OfficeClosed;
export type OfficeEventType = OfficeEvent['type'];
export const OFFICE_EVENT_TYPES: readonly OfficeEventType[] = [
  'OfficeRegistered',
  'OfficeRenamed',
  'OfficeMoved',
  'OfficeMerged',
  'OfficeClosed',
];
