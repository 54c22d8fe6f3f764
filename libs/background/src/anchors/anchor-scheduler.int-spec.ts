import { Logger } from '@nestjs/common';
import { AnchorRecorder, EventStore } from '@dondoc/event-store';
import { AppConfig, loadConfig } from '@dondoc/platform';
import { Pool } from 'pg';
import { AnchorSchedulerService } from './anchor-scheduler.service';

/**
 * Anchors are computed over PostgreSQL's log (its adapter's anchors): with the log in KurrentDB the scheduler does
 * not start, and says so once. Neither the pool nor the store may be touched (both refuse here).
 */
describe('the anchor scheduler under EVENT_STORE=kurrentdb', () => {
  const untouchable = <T extends object>(what: string) =>
    new Proxy({} as T, {
      get: (_, key) => {
        throw new Error(`${what}.${String(key)} used`);
      },
    });

  afterEach(() => jest.restoreAllMocks());

  it('does not start, and logs one line saying why', async () => {
    jest.useFakeTimers();
    try {
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
      const tick = jest.spyOn(AnchorRecorder.prototype, 'tick');
      const config: AppConfig = loadConfig({
        EVENT_STORE: 'kurrentdb',
        KURRENTDB_URL: 'kurrentdb://127.0.0.1:1?tls=false',
        DONDOC_ROLE: 'worker',
      });
      const scheduler = new AnchorSchedulerService(untouchable<Pool>('pool'), untouchable<EventStore>('store'), config);
      scheduler.onApplicationBootstrap();
      jest.advanceTimersByTime(60_000);
      await scheduler.onApplicationShutdown();
      expect(tick).not.toHaveBeenCalled();
      expect(warn.mock.calls.length + log.mock.calls.length).toBe(1);
      expect(String(warn.mock.calls[0][0])).toMatch(/anchoring is off: EVENT_STORE=kurrentdb/);
    } finally {
      jest.useRealTimers();
    }
  });

  it('starts under PostgreSQL', async () => {
    jest.useFakeTimers();
    try {
      const tick = jest.spyOn(AnchorRecorder.prototype, 'tick').mockResolvedValue([]);
      const scheduler = new AnchorSchedulerService(
        untouchable<Pool>('pool'),
        untouchable<EventStore>('store'),
        loadConfig({ DONDOC_ROLE: 'worker' }),
      );
      scheduler.onApplicationBootstrap();
      jest.advanceTimersByTime(5_000);
      await scheduler.onApplicationShutdown();
      expect(tick).toHaveBeenCalledTimes(1);
    } finally {
      jest.useRealTimers();
    }
  });
});
