import { api } from '../api/client';
import { unwrap } from '../api/problem';
import type { RecordTime } from '../record-time/record-time';

export type CompletionQuery = {
  office: string;
  groupBy: 'office' | 'criterion' | 'area' | 'plan';
  rounding: 'halfUp' | 'truncate';
  period?: 'month' | 'quarter' | '6months' | 'year' | 'calendarMonth' | 'calendarQuarter' | 'calendarHalf' | 'calendarYear';
  /** The page's own date, else the app's clock (RecordTime). */
  asOf?: string;
  knownAt?: string;
};

/**
 * The overview's question (GET /v1/reports/completion), in one place for its page and for the
 * sign-in page, which asks it beside the office tree so that the overview opens with its numbers.
 */
export const completionQuery = (query: CompletionQuery) => ({
  queryKey: ['completion', query] as const,
  queryFn: () => unwrap(api.GET('/v1/reports/completion', { params: { query } })),
  // Not asked again on arriving from the sign-in page, which just asked it; writes invalidate it.
  staleTime: 10_000,
});

/** What the overview first shows: the office's subtree by office, rounded half up, from the plan's start. */
export const defaultCompletionQuery = (office: string, rt: RecordTime): CompletionQuery => ({
  office,
  groupBy: 'office',
  rounding: 'halfUp',
  ...rt,
});
