import { childLogger } from "@/lib/log";
import type { OrderStatus } from "@/lib/orders/state-machine";
import { ChannelFeed } from "./channel-feed";

/**
 * Order changes as they commit, for live pages: the `order_changes` channel fed by the orders
 * trigger. After the session drops and comes back, subscribers get `onResync`: changes may have
 * been missed meanwhile, so they re-read the current state.
 */

/** `seq` is the order's change_seq: a global, increasing position of this change. */
export type OrderChange = { id: string; shopId: string; status: OrderStatus; version: number; seq: number };
export type Subscriber = { orderId?: string; shopId?: string; onChange(change: OrderChange): void; onResync(): void };

class OrderChangeFeed {
  private readonly feed = new ChannelFeed<OrderChange>("order_changes", (payload) => JSON.parse(payload) as OrderChange, childLogger("order-changes"));

  subscribe({ orderId, shopId, onChange, onResync }: Subscriber): () => void {
    return this.feed.subscribe({ accepts: (c) => (!orderId || orderId === c.id) && (!shopId || shopId === c.shopId), onChange, onResync });
  }

  /** Resolves once the LISTEN session is up (so a caller can read state knowing no change is missed after). */
  ready(): Promise<void> {
    return this.feed.ready();
  }
}

const holder = globalThis as typeof globalThis & { __goCoffeeOrderChanges?: OrderChangeFeed };

export function orderChanges(): OrderChangeFeed {
  holder.__goCoffeeOrderChanges ??= new OrderChangeFeed();
  return holder.__goCoffeeOrderChanges;
}
