export type OfficeLevel = 'province' | 'department' | 'district' | 'office' | 'commune';
export const OFFICE_LEVELS: readonly OfficeLevel[] = ['province', 'department', 'district', 'office', 'commune'];

export type OfficeStatus = 'active' | 'merged' | 'closed';

export interface Office {
  code: string;
  name: string;
  parent: string | null;
  level: OfficeLevel | null;
  email: string | null;
  status: OfficeStatus;
  /** The successor, once merged. */
  mergedInto: string | null;
}

/** `null` until registered. */
export type OfficeState = Office | null;
export const initialOfficeState: OfficeState = null;

/** One stream per office. */
export const officeStreamId = (code: string): string => `office-${code}`;
