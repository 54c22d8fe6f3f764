import { FixedClock } from '@dondoc/domain/shared';
import { DigestScheduler } from './digest.scheduler';
import { digestAsOf, nextRun } from './next-run';

/** The process runs in UTC on purpose (the unit project does not set TZ): the schedule must not care. */
process.env.TZ = 'UTC';

describe('the digest schedule (Asia/Ho_Chi_Minh, whatever the server zone)', () => {
  it('names Monday 07:00 +07:00, which is Monday 00:00 UTC', () => {
    expect(new Date().getTimezoneOffset()).toBe(0);
    expect(nextRun('0 7 * * 1', new Date('2024-03-28T10:00:00Z')).toISOString()).toBe('2024-04-01T00:00:00.000Z');
    // strictly after: at the instant itself, the next one is a week later
    expect(nextRun('0 7 * * 1', new Date('2024-04-01T00:00:00Z')).toISOString()).toBe('2024-04-08T00:00:00.000Z');
    // Sunday 23:30 UTC is already Monday 06:30 in Việt Nam: half an hour to go
    expect(nextRun('0 7 * * 1', new Date('2024-03-31T23:30:00Z')).toISOString()).toBe('2024-04-01T00:00:00.000Z');
    expect(nextRun('30 6 * * 5', new Date('2024-04-01T00:00:00Z')).toISOString()).toBe('2024-04-04T23:30:00.000Z');
  });

  it('classifies a week as of its scheduled instant, never in the future', () => {
    expect(digestAsOf('2024-W14', '0 7 * * 1', new Date('2024-06-01T00:00:00Z')).toISOString()).toBe('2024-04-01T00:00:00.000Z');
    expect(digestAsOf('2024-W14', '0 7 * * 5', new Date('2024-06-01T00:00:00Z')).toISOString()).toBe('2024-04-05T00:00:00.000Z');
    expect(digestAsOf('2024-W14', '0 7 * * 1', new Date('2024-03-31T20:00:00Z')).toISOString()).toBe('2024-03-31T20:00:00.000Z');
  });

  it('fires at Monday 07:00 Asia/Ho_Chi_Minh on the injected clock, once, for that week', async () => {
    const clock = new FixedClock(new Date('2024-03-31T12:00:00Z')); // Sunday 19:00 in Việt Nam
    const runs: [string, string][] = [];
    const scheduler = new DigestScheduler('0 7 * * 1', clock, async (week, at) => {
      runs.push([week, at.toISOString()]);
    });
    scheduler.start();
    scheduler.stop(); // drive it by hand: tick() is the decision the timer wakes up
    expect(scheduler.next?.toISOString()).toBe('2024-04-01T00:00:00.000Z');

    clock.set('2024-03-31T23:59:59.999Z'); // Monday 06:59:59.999 +07:00 (still Sunday in UTC)
    expect(await scheduler.tick()).toBeNull();
    clock.set('2024-04-01T00:00:00.000Z'); // Monday 07:00 +07:00
    expect(await scheduler.tick()).toBe('2024-W14');
    expect(await scheduler.tick()).toBeNull(); // not twice
    expect(runs).toEqual([['2024-W14', '2024-04-01T00:00:00.000Z']]);
    expect(scheduler.next?.toISOString()).toBe('2024-04-08T00:00:00.000Z');

    clock.set('2024-04-08T05:00:00Z'); // late by hours (host asleep): still runs, for the scheduled week
    expect(await scheduler.tick()).toBe('2024-W15');
  });

  it('wakes itself up by timer and keeps going when a run fails', async () => {
    jest.useFakeTimers();
    try {
      const clock = new FixedClock(new Date('2024-03-31T23:59:00Z'));
      const weeks: string[] = [];
      const lines: string[] = [];
      const scheduler = new DigestScheduler(
        '0 7 * * 1',
        clock,
        async (week) => {
          weeks.push(week);
          throw new Error('database down');
        },
        (l) => lines.push(l),
      );
      scheduler.start();
      clock.set('2024-04-01T00:00:00Z');
      await jest.advanceTimersByTimeAsync(60_000);
      expect(weeks).toEqual(['2024-W14']);
      expect(lines.some((l) => l.includes('database down'))).toBe(true);
      scheduler.stop();
    } finally {
      jest.useRealTimers();
    }
  });
});
