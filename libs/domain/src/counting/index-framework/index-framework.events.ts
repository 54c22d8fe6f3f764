import { DomainEvent } from '../../shared';
import { IndexFramework } from './index-framework';

export type IndexFrameworkRegistered = DomainEvent<'IndexFrameworkRegistered', IndexFramework>;

/** The whole corrected framework: it supersedes the registered (or last amended) values. */
export type IndexFrameworkAmended = DomainEvent<'IndexFrameworkAmended', IndexFramework & { reason: string }>;

/** Points as canonical decimal strings; `total` is areas + SIPAS, null while a part is missing. */
export type IndexScoresRecorded = DomainEvent<
  'IndexScoresRecorded',
  {
    framework: string;
    year: number;
    level: IndexFramework['level'];
    unit: string;
    scores: Record<string, string>;
    sipas: string | null;
    total: string | null;
    rank: string | null;
    source: string | null;
  }
>;

export type IndexFrameworkEvent = IndexFrameworkRegistered | IndexFrameworkAmended | IndexScoresRecorded;
export const INDEX_FRAMEWORK_EVENT_TYPES: readonly IndexFrameworkEvent['type'][] = [
  'IndexFrameworkRegistered',
  'IndexFrameworkAmended',
  'IndexScoresRecorded',
];
