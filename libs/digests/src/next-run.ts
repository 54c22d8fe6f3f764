import { IsoWeek, weekStart } from '@dondoc/domain/digest';
import { TIME_ZONE } from '@dondoc/domain/shared';
import { CronTime } from 'cron';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
const DEFAULT_HOUR_MS = 7 * 60 * 60 * 1000;

/**
 * The first instant strictly after `after` that the cron expression names, read in
 * Asia/Ho_Chi_Minh whatever process.env.TZ says (`0 7 * * 1`: Monday 07:00 +07:00, which is
 * Monday 00:00 UTC). The zone is passed on every call: CronTime would otherwise fall back to the
 * process's own zone.
 */
export function nextRun(cron: string, after: Date): Date {
  return new CronTime(cron, TIME_ZONE).getNextDateFrom(after, TIME_ZONE).toJSDate();
}

/**
 * The instant a week's digests are classified at: the schedule's first instant in that week
 * (Monday 07:00 with the default), so that every worker and every re-run of a week computes the
 * same content; Monday 07:00 when the schedule never fires that week; and never later than `now`
 * (a run for the current week before its scheduled time describes the present).
 */
export function digestAsOf(week: IsoWeek, cron: string, now: Date): Date {
  const start = weekStart(week);
  const first = nextRun(cron, new Date(start.getTime() - 1));
  const scheduled = first.getTime() < start.getTime() + WEEK_MS ? first : new Date(start.getTime() + DEFAULT_HOUR_MS);
  return scheduled.getTime() > now.getTime() ? now : scheduled;
}
