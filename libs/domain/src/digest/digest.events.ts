import { DomainEvent } from '../shared';
import { DigestCounts } from './digest-content';
import { IsoWeek } from './iso-week';

/**
 * One digest per office and ISO week, in its own stream (`digest-<office>-<week>`). The first
 * event is appended with `noStream`, so two workers cannot both issue it. What was rendered is
 * kept as sent: the HTML and text are in the event, not re-rendered later.
 */
export type DigestIssued = DomainEvent<
  'DigestIssued',
  {
    digestId: string;
    office: string;
    officeName: string;
    week: IsoWeek;
    /** The instant the content is classified at (ISO). */
    asOf: string;
    counts: DigestCounts;
    subject: string;
    /** Empty when the office has no e-mail address: kept, not mailed. */
    recipients: string[];
    html: string;
    text: string;
  }
>;
export type DigestDelivered = DomainEvent<'DigestDelivered', { to: string[]; messageId: string | null; attempts: number; at: string }>;
export type DigestDeliveryFailed = DomainEvent<'DigestDeliveryFailed', { to: string[]; error: string; attempts: number; at: string }>;

export type DigestEvent = DigestIssued | DigestDelivered | DigestDeliveryFailed;
export const DIGEST_EVENT_TYPES: readonly DigestEvent['type'][] = ['DigestIssued', 'DigestDelivered', 'DigestDeliveryFailed'];
