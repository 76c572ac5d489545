import pg from "pg";
import { env } from "@/lib/env";
import { childLogger } from "@/lib/log";
import { ANALYTICS_CHANNEL } from "./store";

/**
 * Rollup changes as they commit, for open dashboards: the analytics worker NOTIFYs
 * `analytics_changes` (payload: the shop id) in the transaction that updates the rollups, so a
 * dashboard re-reads exactly when its numbers changed, never before the worker has counted the
 * order. One LISTEN session per process fans out to every open stream; after the session drops,
 * subscribers are told to re-read (changes may have been missed).
 *
 * Same shape as lib/realtime/order-changes.ts (a different channel and payload); the two could
 * share a generic channel listener.
 */

type Subscriber = { shopIds: ReadonlySet<string>; onChange(shopId: string): void };

const log = childLogger("analytics-changes");

class AnalyticsChangeFeed {
  private readonly subscribers = new Set<Subscriber>();
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private retryMs = 250;

  async subscribe(subscriber: Subscriber): Promise<() => void> {
    this.subscribers.add(subscriber);
    await this.ensureListening();
    return () => this.subscribers.delete(subscriber);
  }

  private ensureListening(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: env().DATABASE_URL });
    client.on("notification", (msg) => {
      const shopId = msg.payload;
      if (!shopId) return;
      for (const s of this.subscribers) if (s.shopIds.has(shopId)) s.onChange(shopId);
    });
    const lost = () => {
      if (this.client !== client) return;
      this.client = undefined;
      log.warn({ retryInMs: this.retryMs }, "analytics change feed lost its session; reconnecting");
      setTimeout(() => void this.reconnect(), this.retryMs).unref();
      this.retryMs = Math.min(this.retryMs * 2, 10_000);
    };
    client.on("error", lost);
    client.on("end", lost);
    await client.connect();
    await client.query(`LISTEN ${ANALYTICS_CHANNEL}`);
    this.client = client;
    this.retryMs = 250;
  }

  private async reconnect(): Promise<void> {
    try {
      await this.ensureListening();
      for (const s of this.subscribers) for (const shopId of s.shopIds) s.onChange(shopId);
    } catch (err) {
      log.warn({ err }, "analytics change feed could not reconnect");
      setTimeout(() => void this.reconnect(), this.retryMs).unref();
      this.retryMs = Math.min(this.retryMs * 2, 10_000);
    }
  }
}

const holder = globalThis as typeof globalThis & { __goCoffeeAnalyticsChanges?: AnalyticsChangeFeed };

export function analyticsChanges(): AnalyticsChangeFeed {
  holder.__goCoffeeAnalyticsChanges ??= new AnalyticsChangeFeed();
  return holder.__goCoffeeAnalyticsChanges;
}
