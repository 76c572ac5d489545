import { childLogger } from "@/lib/log";
import { ChannelFeed } from "@/lib/realtime/channel-feed";
import { ANALYTICS_CHANNEL } from "./store";

/**
 * Rollup changes as they commit, for open dashboards: the analytics worker NOTIFYs
 * `analytics_changes` (payload: the shop id) in the transaction that updates the rollups, so a
 * dashboard re-reads exactly when its numbers changed, never before the worker has counted the
 * order. After the LISTEN session drops, every subscribed shop counts as changed (changes may have
 * been missed).
 */

type Subscriber = { shopIds: ReadonlySet<string>; onChange(shopId: string): void };

class AnalyticsChangeFeed {
  private readonly feed = new ChannelFeed<string>(ANALYTICS_CHANNEL, (shopId) => shopId, childLogger("analytics-changes"));

  /** Resolves once listening, with the unsubscribe function. */
  async subscribe({ shopIds, onChange }: Subscriber): Promise<() => void> {
    const unsubscribe = this.feed.subscribe({ accepts: (shopId) => shopIds.has(shopId), onChange, onResync: () => shopIds.forEach((id) => onChange(id)) });
    await this.feed.ready();
    return unsubscribe;
  }
}

const holder = globalThis as typeof globalThis & { __goCoffeeAnalyticsChanges?: AnalyticsChangeFeed };

export function analyticsChanges(): AnalyticsChangeFeed {
  holder.__goCoffeeAnalyticsChanges ??= new AnalyticsChangeFeed();
  return holder.__goCoffeeAnalyticsChanges;
}
