import { OfficeLevel } from './office.state';

export interface RegisterOffice {
  type: 'RegisterOffice';
  data: { code: string; name: string; parent?: string | null; level?: OfficeLevel | null; email?: string | null };
}
export interface RenameOffice {
  type: 'RenameOffice';
  data: { name: string };
}
/** `parent: null` makes the office a root. */
export interface MoveOffice {
  type: 'MoveOffice';
  data: { parent: string | null };
}
export interface MergeOffice {
  type: 'MergeOffice';
  data: { into: string; reason: string };
}
export interface CloseOffice {
  type: 'CloseOffice';
  data: { reason?: string | null };
}

export type OfficeCommand = RegisterOffice | RenameOffice | MoveOffice | MergeOffice | CloseOffice;
