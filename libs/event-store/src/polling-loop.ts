import { ReadAllOptions, ReadAllResult, SubscribeOptions } from './event-store.port';
import { START } from './position';
import { WakeablePause } from './wakeable-pause';

/**
 * The catch-up loop of a subscription, for the stores that follow their log by reading it: a batch
 * after the last position handled goes to the handler; when nothing is new the loop waits until
 * woken (an append) or the poll interval passes. A failed read or handler is reported and the same
 * batch offered again after the pause. `stop()` resolves once the batch in flight is handled.
 */
export function pollingLoop(
  options: SubscribeOptions,
  read: (opts: ReadAllOptions) => Promise<ReadAllResult> | ReadAllResult,
  pollIntervalMs: number,
): { wake(): void; stop(): Promise<void> } {
  let position = options.from ?? START;
  let stopped = false;
  const pause = new WakeablePause();
  const done = (async () => {
    await null; // the handler never runs before subscribe() has returned
    while (!stopped) {
      try {
        const batch = await read({ after: position, limit: options.batchSize ?? 500, filter: options.filter });
        if (batch.events.length > 0) {
          await options.handler(batch.events, batch.position);
          position = batch.position;
          continue;
        }
      } catch (error) {
        options.onError?.(error);
      }
      if (stopped) break;
      await pause.for(pollIntervalMs);
    }
  })();
  return {
    wake: () => pause.wake(),
    stop: async () => {
      stopped = true;
      pause.wake();
      await done;
    },
  };
}
