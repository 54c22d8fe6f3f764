import { IsoWeek } from './iso-week';

export type DigestStatus = 'issued' | 'delivered' | 'failed';

/** What the decisions need: whether it exists, whether it was delivered. */
export type DigestState = null | {
  digestId: string;
  office: string;
  week: IsoWeek;
  recipients: string[];
  status: DigestStatus;
  /** Send attempts over every run; failures counts the runs that gave up. */
  attempts: number;
  failures: number;
  deliveredAt: string | null;
};

export const initialDigestState: DigestState = null;

export const digestIdOf = (office: string, week: IsoWeek): string => `${office}-${week}`;
export const digestStreamId = (office: string, week: IsoWeek): string => `digest-${digestIdOf(office, week)}`;
