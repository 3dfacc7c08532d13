import pg from 'pg';

/** What a channel does with what it hears, and when it must catch up on what it may have missed. */
export interface ChannelHandlers {
  /** A notification's payload (empty string when there is none). */
  notify(payload: string): void;
  /**
   * The connection is listening (the first time, and again after every reconnect): whatever was sent while it was
   * not is lost to LISTEN, so the owner rereads what it cares about.
   */
  connected(): void;
  /** True while someone still needs the channel: a dropped connection is reopened only then. */
  wanted(): boolean;
}

/** First and longest wait before reopening a dropped or refused connection. */
const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 10_000;

/**
 * One LISTEN connection of a process on one NOTIFY channel, reopened after it drops (with a growing wait, while
 * the channel is wanted). Both the event bus and the presence hub hold one: they differ only in what a
 * notification makes them read. A pooled connection cannot LISTEN (the pool hands it to others), so this is a
 * client of its own.
 */
export class PgChannel {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;
  private retryMs = RETRY_FIRST_MS;

  /** `label` names the channel's owner in the log ("events", "presence"). */
  constructor(
    private readonly url: string,
    readonly channel: string,
    private readonly handlers: ChannelHandlers,
    private readonly label: string,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`"${channel}" is not a plain channel name`);
  }

  /** True while the connection is listening. */
  get listening(): boolean {
    return this.client !== null;
  }

  /** Opens the connection unless it is open or opening; resolves once it listens (or has failed and will retry). */
  open(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 5000 });
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.handlers.notify(message.payload ?? '');
    });
    client.on('error', () => this.dropped(client));
    client.on('end', () => this.dropped(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      if (this.closed) {
        await client.end().catch(() => undefined);
        return;
      }
      this.client = client;
      this.retryMs = RETRY_FIRST_MS;
      this.handlers.connected();
    } catch (e) {
      void client.end().catch(() => undefined);
      console.error(`${this.label}: cannot listen to the database (${(e as Error).message}); retrying`);
      this.retryLater();
    }
  }

  private dropped(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    void client.end().catch(() => undefined);
    this.retryLater();
  }

  private retryLater(): void {
    if (this.closed || !this.handlers.wanted()) return;
    const timer = setTimeout(() => void this.open(), this.retryMs);
    timer.unref();
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }

  /** Stops listening for good. */
  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = null;
    await this.connecting;
    await client?.end().catch(() => undefined);
  }
}
