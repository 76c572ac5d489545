import pg from "pg";
import { env } from "@/lib/env";
import { childLogger } from "@/lib/log";
import type { OrderStatus } from "@/lib/orders/state-machine";

/**
 * Order changes as they commit, for live pages. One LISTEN session per process (on the
 * `order_changes` channel fed by the orders trigger) fans out to every subscriber in memory. After
 * the session drops and comes back, subscribers get a `resync` call: changes may have been missed
 * meanwhile, so they re-read the current state.
 */

/** `seq` is the order's change_seq: a global, increasing position of this change. */
export type OrderChange = { id: string; shopId: string; status: OrderStatus; version: number; seq: number };
export type Subscriber = { orderId?: string; shopId?: string; onChange(change: OrderChange): void; onResync(): void };

const CHANNEL = "order_changes";
const log = childLogger("order-changes");

class OrderChangeFeed {
  private readonly subscribers = new Set<Subscriber>();
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private retryMs = 250;

  subscribe(subscriber: Subscriber): () => void {
    this.subscribers.add(subscriber);
    void this.ensureListening();
    return () => this.subscribers.delete(subscriber);
  }

  /** Resolves once the LISTEN session is up (so a caller can read state knowing no change is missed after). */
  ready(): Promise<void> {
    return this.ensureListening();
  }

  private ensureListening(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: env().DATABASE_URL });
    client.on("notification", (msg) => {
      if (!msg.payload) return;
      const change = JSON.parse(msg.payload) as OrderChange;
      for (const s of this.subscribers) {
        if ((s.orderId && s.orderId !== change.id) || (s.shopId && s.shopId !== change.shopId)) continue;
        s.onChange(change);
      }
    });
    const lost = () => {
      if (this.client !== client) return;
      this.client = undefined;
      log.warn({ retryInMs: this.retryMs }, "order change feed lost its session; reconnecting");
      setTimeout(() => void this.reconnect(), this.retryMs).unref();
      this.retryMs = Math.min(this.retryMs * 2, 10_000);
    };
    client.on("error", lost);
    client.on("end", lost);
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.client = client;
    this.retryMs = 250;
  }

  private async reconnect(): Promise<void> {
    try {
      await this.ensureListening();
      for (const s of this.subscribers) s.onResync();
    } catch (err) {
      log.warn({ err }, "order change feed could not reconnect");
      setTimeout(() => void this.reconnect(), this.retryMs).unref();
      this.retryMs = Math.min(this.retryMs * 2, 10_000);
    }
  }
}

const holder = globalThis as typeof globalThis & { __goCoffeeOrderChanges?: OrderChangeFeed };

export function orderChanges(): OrderChangeFeed {
  holder.__goCoffeeOrderChanges ??= new OrderChangeFeed();
  return holder.__goCoffeeOrderChanges;
}
