/**
 * A pause that ends early when woken: how a subscription waits for new events or for its next
 * retry, and how `stop()` or a notification cuts that wait short.
 */
export class WakeablePause {
  private wakeUp?: () => void;

  for(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  /** Ends the pause under way, if any. */
  wake(): void {
    this.wakeUp?.();
  }
}
