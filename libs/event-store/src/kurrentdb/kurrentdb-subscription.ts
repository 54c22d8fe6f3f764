import { AllStreamResolvedEvent, AllStreamSubscription, KurrentDBClient } from '@kurrent/kurrentdb-client';
import { RecordedEvent, SubscribeOptions, Subscription } from '../event-store.port';
import { START } from '../position';
import { WakeablePause } from '../wakeable-pause';
import { serverFilter, typeMatches } from './kurrentdb-filters';
import { readPosition, toRecorded } from './kurrentdb-records';

/**
 * A catch-up subscription to $all (`subscribeToAll`) from `from`, filtered on the server, cut
 * into batches for the handler: events that arrive together (up to `batchSize`) go in one call,
 * and the subscription is paused while the handler runs. When the handler throws, or the
 * connection drops, it resubscribes from the last batch handled.
 */
export function subscribeToAll(client: KurrentDBClient, options: SubscribeOptions, resubscribeMs: number): Subscription {
  const batchSize = options.batchSize ?? 500;
  let position = options.from ?? START;
  let stopped = false;
  let current: AllStreamSubscription | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  const retryPause = new WakeablePause();

  const once = () =>
    new Promise<void>((resolve, reject) => {
      const sub = client.subscribeToAll({ fromPosition: readPosition(position), filter: serverFilter(options.filter) });
      current = sub;
      let buffer: RecordedEvent[] = [];
      let flushing = false;
      let scheduled = false;
      let failed = false;
      const fail = (e: unknown) => {
        if (failed) return;
        failed = true;
        void sub.unsubscribe().catch(() => undefined);
        if (stopped) resolve();
        else reject(e);
      };
      const flush = async () => {
        scheduled = false;
        if (flushing || buffer.length === 0 || failed) return;
        flushing = true;
        sub.pause();
        try {
          while (buffer.length > 0 && !stopped) {
            const batch = buffer.slice(0, batchSize);
            buffer = buffer.slice(batch.length);
            const last = batch[batch.length - 1].position;
            await options.handler(batch, last);
            position = last;
          }
        } catch (e) {
          flushing = false;
          fail(e);
          return;
        }
        flushing = false;
        if (!stopped) sub.resume();
      };
      const run = () => {
        inFlight = inFlight.then(flush);
      };
      sub.on('data', (resolved: AllStreamResolvedEvent) => {
        const e = toRecorded(resolved);
        if (!e || failed) return;
        const lastQueued = buffer.length ? buffer[buffer.length - 1].position : position;
        if (e.position <= lastQueued || !typeMatches(e, options.filter)) return;
        buffer.push(e);
        if (buffer.length >= batchSize) run();
        else if (!scheduled) {
          scheduled = true;
          setImmediate(run);
        }
      });
      sub.on('error', fail);
      const ended = () => (stopped ? resolve() : fail(new Error('KurrentDB subscription ended')));
      sub.on('end', ended);
      sub.on('close', ended);
    });

  const loop = (async () => {
    while (!stopped) {
      try {
        await once();
      } catch (error) {
        if (stopped) break;
        options.onError?.(error);
        await inFlight.catch(() => undefined);
        if (stopped) break; // onError may have stopped the subscription (a projector restarting)
        await retryPause.for(resubscribeMs);
      }
    }
  })();

  return {
    stop: async () => {
      stopped = true;
      retryPause.wake();
      await current?.unsubscribe().catch(() => undefined);
      current?.destroy();
      await inFlight.catch(() => undefined);
      await loop;
    },
  };
}
