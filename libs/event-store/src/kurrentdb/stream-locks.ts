/**
 * Serialises, within this process, the read-the-tail-then-append of writers to the same streams:
 * concurrent writers in one process then do not waste round trips losing to each other. Writers in
 * other processes are still stopped by KurrentDB's expected-revision check.
 */
export class StreamLocks {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(streams: string[], work: () => Promise<T>): Promise<T> {
    const keys = [...new Set(streams)].sort();
    const releases: (() => void)[] = [];
    try {
      for (const key of keys) {
        const previous = this.tails.get(key) ?? Promise.resolve();
        let release!: () => void;
        const mine = new Promise<void>((r) => (release = r));
        const chained = previous.then(() => mine);
        this.tails.set(key, chained);
        releases.push(() => {
          release();
          if (this.tails.get(key) === chained) this.tails.delete(key);
        });
        await previous;
      }
      return await work();
    } finally {
      for (const r of releases) r();
    }
  }
}
