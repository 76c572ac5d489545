import { bucketOf, emptyHistogram } from "./histogram";
import type { OrderFact } from "./facts";

/**
 * Rollup changes as sums to add, keyed by rollup row. Applying a fact adds its contribution;
 * replacing a fact adds the new one and subtracts the old, so every row stays the sum of the
 * current facts however often and in whatever order orders are re-processed. Pure.
 */

export const HOURLY_FIELDS = [
  "orders",
  "cancelled",
  "grossCents",
  "refunds",
  "refundedCents",
  "itemsSold",
  "pickupOrders",
  "pickupCents",
  "cryptoOrders",
  "cryptoCents",
  "tipsCents",
  "scheduledReady",
  "scheduledOnTime",
] as const;
export type HourlyCounters = Record<(typeof HOURLY_FIELDS)[number], number>;

export type HourlyRow = { shopId: string; hour: string } & HourlyCounters;
export type ProductRow = { shopId: string; day: string; productId: string; quantity: number; revenueCents: number };
export type TimingRow = { shopId: string; day: string; metric: string; count: number; totalSeconds: number; buckets: number[] };
export type CancelRow = { shopId: string; day: string; reason: string; count: number; cents: number };

export class RollupDelta {
  readonly hourly = new Map<string, HourlyRow>();
  readonly products = new Map<string, ProductRow>();
  readonly timings = new Map<string, TimingRow>();
  readonly cancels = new Map<string, CancelRow>();

  /** Adds (sign 1) or removes (sign −1) what `fact` contributes for its shop. */
  add(shopId: string, fact: OrderFact | null, sign: 1 | -1): this {
    if (!fact) return this;
    const day = fact.hour.slice(0, 10);
    const h = getOr(this.hourly, `${shopId}|${fact.hour}`, () => ({ shopId, hour: fact.hour, ...zeroHourly() }));
    h.orders += sign * fact.orders;
    h.cancelled += sign * fact.cancelled;
    h.grossCents += sign * fact.grossCents;
    h.refunds += sign * fact.refunds;
    h.refundedCents += sign * fact.refundedCents;
    h.itemsSold += sign * fact.itemsSold;
    h.tipsCents += sign * (fact.tipsCents ?? 0);
    h.scheduledReady += sign * (fact.scheduledReady ?? 0);
    h.scheduledOnTime += sign * (fact.scheduledOnTime ?? 0);
    if (fact.method === "CRYPTO") {
      h.cryptoOrders += sign * fact.orders;
      h.cryptoCents += sign * fact.grossCents;
    } else {
      h.pickupOrders += sign * fact.orders;
      h.pickupCents += sign * fact.grossCents;
    }
    for (const [productId, quantity, revenueCents] of fact.products) {
      const p = getOr(this.products, `${shopId}|${day}|${productId}`, () => ({ shopId, day, productId, quantity: 0, revenueCents: 0 }));
      p.quantity += sign * quantity;
      p.revenueCents += sign * revenueCents;
    }
    for (const [metric, seconds] of fact.timings) {
      const t = getOr(this.timings, `${shopId}|${day}|${metric}`, () => ({ shopId, day, metric, count: 0, totalSeconds: 0, buckets: emptyHistogram() }));
      t.count += sign;
      t.totalSeconds += sign * seconds;
      const b = bucketOf(seconds);
      t.buckets[b] = (t.buckets[b] ?? 0) + sign;
    }
    if (fact.cancelReason !== null) {
      const c = getOr(this.cancels, `${shopId}|${day}|${fact.cancelReason}`, () => ({ shopId, day, reason: fact.cancelReason ?? "", count: 0, cents: 0 }));
      c.count += sign * fact.cancelled;
      c.cents += sign * fact.cancelledCents;
    }
    return this;
  }

  /** Rows whose change is zero everywhere are dropped: nothing to write. */
  compact(): this {
    dropIf(this.hourly, (r) => HOURLY_FIELDS.every((f) => r[f] === 0));
    dropIf(this.products, (r) => r.quantity === 0 && r.revenueCents === 0);
    dropIf(this.timings, (r) => r.count === 0 && r.totalSeconds === 0 && r.buckets.every((b) => b === 0));
    dropIf(this.cancels, (r) => r.count === 0 && r.cents === 0);
    return this;
  }

  get empty(): boolean {
    return this.hourly.size + this.products.size + this.timings.size + this.cancels.size === 0;
  }

  /** Shops with a change in this delta. */
  shops(): Set<string> {
    const shops = new Set<string>();
    for (const map of [this.hourly, this.products, this.timings, this.cancels] as Map<string, { shopId: string }>[]) for (const r of map.values()) shops.add(r.shopId);
    return shops;
  }
}

export function zeroHourly(): HourlyCounters {
  return Object.fromEntries(HOURLY_FIELDS.map((f) => [f, 0])) as HourlyCounters;
}

/** The delta that turns rollups holding `before` into rollups holding `after`. */
export function replaceFact(delta: RollupDelta, shopId: string, before: OrderFact | null, after: OrderFact | null): RollupDelta {
  return delta.add(shopId, before, -1).add(shopId, after, 1);
}

function getOr<T>(map: Map<string, T>, key: string, make: () => T): T {
  let v = map.get(key);
  if (!v) {
    v = make();
    map.set(key, v);
  }
  return v;
}

function dropIf<T>(map: Map<string, T>, test: (v: T) => boolean): void {
  for (const [k, v] of map) if (test(v)) map.delete(k);
}
