import pg from "pg";
import { env } from "@/lib/env";
import type { Logger } from "@/lib/log";

/**
 * One PostgreSQL LISTEN session per process and channel, fanned out to in-memory subscribers.
 * When the session drops it reconnects with backoff, then tells every subscriber to resync:
 * notifications sent meanwhile are lost, so they re-read the current state.
 */
export type FeedSubscriber<T> = { accepts(item: T): boolean; onChange(item: T): void; onResync(): void };

export class ChannelFeed<T> {
  private readonly subscribers = new Set<FeedSubscriber<T>>();
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private retryMs = 250;

  constructor(
    private readonly channel: string,
    /** The item a notification's payload stands for, or null to ignore it. */
    private readonly parse: (payload: string) => T | null,
    private readonly log: Logger,
  ) {}

  subscribe(subscriber: FeedSubscriber<T>): () => void {
    this.subscribers.add(subscriber);
    void this.ready();
    return () => this.subscribers.delete(subscriber);
  }

  /** Resolves once the LISTEN session is up (so a caller can read state knowing no change is missed after). */
  ready(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: env().DATABASE_URL });
    client.on("notification", (msg) => {
      const item = msg.payload ? this.parse(msg.payload) : null;
      if (item === null) return;
      for (const s of this.subscribers) if (s.accepts(item)) s.onChange(item);
    });
    const lost = () => {
      if (this.client !== client) return;
      this.client = undefined;
      this.log.warn({ retryInMs: this.retryMs }, `${this.channel} feed lost its session; reconnecting`);
      this.retryLater();
    };
    client.on("error", lost);
    client.on("end", lost);
    await client.connect();
    await client.query(`LISTEN ${this.channel}`);
    this.client = client;
    this.retryMs = 250;
  }

  private retryLater(): void {
    setTimeout(() => void this.reconnect(), this.retryMs).unref();
    this.retryMs = Math.min(this.retryMs * 2, 10_000);
  }

  private async reconnect(): Promise<void> {
    try {
      await this.ready();
      for (const s of this.subscribers) s.onResync();
    } catch (err) {
      this.log.warn({ err }, `${this.channel} feed could not reconnect`);
      this.retryLater();
    }
  }
}
