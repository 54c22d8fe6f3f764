import type { DomainEvent } from '../shared';
import type { ImportFormat } from './import-document';
import type { ImportWarning } from './import-issues';

/**
 * One stream per imported plan code, written in the same transaction as everything the import
 * creates: its content hash makes a second import of the same file a no-op (200) and of another
 * file a conflict (409); `tasks` links each row of the file (ref) to the tasks it became.
 */
export const importStreamId = (planCode: string): string => `import-${planCode.trim().toUpperCase()}`;

export type ImportRecorded = DomainEvent<
  'ImportRecorded',
  {
    planCode: string;
    planId: string;
    contentHash: string;
    format: ImportFormat;
    /** The uploaded file's name, when the client gave it (?fileName=); absent in older records. */
    fileName?: string;
    assignedOn: string;
    created: { offices: string[]; directives: string[]; tasks: number };
    noDeadline: string[];
    warnings: ImportWarning[];
    /** ref → task ids, one per lead office. */
    tasks: Record<string, string[]>;
  }
>;

export const IMPORT_EVENT_TYPES: readonly ImportRecorded['type'][] = ['ImportRecorded'];
