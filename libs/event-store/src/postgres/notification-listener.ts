import { Client, ClientConfig } from 'pg';

const FIRST_RETRY_MS = 250;
const LAST_RETRY_MS = 5000;

/**
 * A LISTEN connection that outlives the server going away: on an error or the connection's end it
 * connects again with a growing pause (250 ms to 5 s), and wakes the subscriber once it listens
 * again, since notifications sent meanwhile are lost. Polling covers the gap; this keeps the
 * subscriber prompt afterwards. A lost connection is never an unhandled `error` event.
 */
export class NotificationListener {
  private client?: Client;
  private stopped = false;
  private timer?: NodeJS.Timeout;
  private delay = FIRST_RETRY_MS;
  /** Connections made so far (a test counts the reconnections). */
  connections = 0;

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
    private readonly onNotify: () => void,
  ) {}

  start(): void {
    void this.connect();
  }

  get listening(): boolean {
    return this.client !== undefined;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ ...this.config, application_name: 'dondoc-listen' });
    client.on('error', () => undefined); // 'end' follows: reconnect there
    client.on('notification', () => this.onNotify());
    client.on('end', () => {
      if (this.client !== client) return;
      this.client = undefined;
      this.retry();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch {
      await client.end().catch(() => undefined);
      this.retry();
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.connections++;
    this.delay = FIRST_RETRY_MS;
    if (this.connections > 1) this.onNotify();
  }

  private retry(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.connect(), this.delay);
    this.timer.unref();
    this.delay = Math.min(this.delay * 2, LAST_RETRY_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
