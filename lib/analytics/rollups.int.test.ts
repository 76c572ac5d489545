import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KafkaMessage } from "kafkajs";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { handleMessage } from "@/lib/kafka/consumer";
import { encodeEnvelope, type Envelope } from "@/lib/kafka/envelope";
import { childLogger } from "@/lib/log";
import { placeOrder } from "@/lib/orders/place-order";
import { processPlacedOrder } from "@/lib/orders/process-order";
import { lockOrder, transitionOrder } from "@/lib/orders/transition";
import { applyBaristaAction, claimOrder } from "@/lib/queue/actions";
import { getTicket } from "@/lib/queue/tickets";
import { seed } from "@/prisma/seed";
import { getDashboard } from "./dashboard";
import { ANALYTICS_CONSUMER, analyticsHandlers } from "./handlers";
import { syncPayment } from "./payments";
import { catchUp, rebuild, snapshotRollups } from "./store";
import { localDate } from "./time";

/**
 * The live path (order events handled by the analytics consumer's own handlers, delivered twice
 * and partly out of order, as Kafka may) and a rebuild from the order tables must give the same
 * rollups, seeded history included.
 */

const db = createDb(env().DATABASE_URL, 6);
const log = childLogger("analytics-test");
const SFO = "sfo-terminal-2";
let sfoId: string;
let delivered = 0n;

beforeAll(async () => {
  await seed(db, { historyDays: 2 });
  sfoId = (await db.shop.findUniqueOrThrow({ where: { slug: SFO } })).id;
  delivered = (await db.outboxEvent.aggregate({ _max: { seq: true } }))._max.seq ?? 0n;
});
afterAll(() => db.$disconnect());

/** Delivers the outbox events written since the last call to the analytics handlers, like the consumer does. */
async function deliverNewEvents(opts: { twice?: boolean; reverse?: boolean } = {}) {
  const events = await db.outboxEvent.findMany({ where: { seq: { gt: delivered } }, orderBy: { seq: "asc" } });
  delivered = events.at(-1)?.seq ?? delivered;
  const messages = events.map((e) => {
    const envelope: Envelope = { id: e.id, type: e.type, key: e.key, version: e.version, occurredAt: e.occurredAt.toISOString(), payload: e.payload };
    return { value: encodeEnvelope(envelope), key: Buffer.from(e.key), offset: String(e.seq), headers: {} } as unknown as KafkaMessage;
  });
  const order = opts.reverse ? [...messages].reverse() : messages;
  const outcomes = [];
  for (const m of opts.twice ? [...order, ...order] : order) {
    outcomes.push(await handleMessage({ db, name: ANALYTICS_CONSUMER, batch: analyticsHandlers, log }, m, async (reason) => Promise.reject(new Error(reason))));
  }
  return outcomes;
}

async function todayAtSfo() {
  const day = localDate(new Date(), "America/Los_Angeles");
  const [row] = await db.$queryRawUnsafe<{ orders: number; cancelled: number; gross: number; refunded: number }[]>(
    `SELECT COALESCE(sum(orders), 0)::int AS orders, COALESCE(sum(cancelled), 0)::int AS cancelled, COALESCE(sum(gross_cents), 0)::int AS gross,
       COALESCE(sum(refunded_cents), 0)::int AS refunded FROM analytics_hourly WHERE shop_id = $1::uuid AND hour::date = $2::date`,
    sfoId,
    day,
  );
  return row!;
}

async function place(items: { product: string; quantity: number; options?: Record<string, string[]> }[]) {
  const { order } = await placeOrder(db, { shop: SFO, customerName: "Grace", items });
  await db.$transaction((tx) => processPlacedOrder(tx, order.id));
  return order;
}

async function work(orderId: string, steps: ("start" | "ready" | "recall")[]) {
  for (const action of steps) {
    const t = await getTicket(db, orderId);
    await applyBaristaAction(db, sfoId, orderId, { action, version: t!.version }, "barista-test");
  }
}

describe("analytics rollups", () => {
  it("catch-up covers the seeded history, and a second catch-up finds nothing to do", async () => {
    const first = await catchUp(db, { batchSize: 500 });
    expect(first.orders).toBe(await db.order.count());
    expect(first.orders).toBeGreaterThan(100);
    expect((await catchUp(db)).orders).toBe(0);
  });

  it("the live path matches a rebuild from the order tables, through cancellations, recalls and refunds", async () => {
    const before = await todayAtSfo();

    const latte = { product: "caffe-latte", quantity: 2, options: { size: ["large"], milk: ["oat"] } };
    const croissant = { product: "butter-croissant", quantity: 1 };
    const claimed = await place([latte, croissant]);
    const cancelled = await place([{ product: "americano", quantity: 1 }]);
    const refunded = await place([croissant]);
    const recalled = await place([{ product: "cappuccino", quantity: 1 }]);
    const open = await place([{ product: "house-drip", quantity: 3 }]);
    await deliverNewEvents({ twice: true });

    const placedNow = await todayAtSfo();
    expect(placedNow.orders - before.orders).toBe(5);
    expect(placedNow.gross - before.gross).toBe(claimed.totalCents + cancelled.totalCents + refunded.totalCents + recalled.totalCents + open.totalCents);

    await work(claimed.id, ["start", "ready"]);
    await claimOrder(db, sfoId, claimed.id, "barista-test");
    await applyBaristaAction(db, sfoId, cancelled.id, { action: "cancel", version: (await getTicket(db, cancelled.id))!.version, reason: "Out of oat milk" }, "barista-test");
    await work(refunded.id, ["start", "ready"]);
    await claimOrder(db, sfoId, refunded.id, "barista-test");
    await db.$transaction(async (tx) => transitionOrder(tx, (await lockOrder(tx, refunded.id))!, "REFUNDED", { actor: "staff", actorId: "manager-test", reason: "Cold croissant" }));
    await work(recalled.id, ["start", "ready", "recall", "ready"]);
    await work(open.id, ["start"]);
    // Events arrive in reverse order and twice: the outcome must not care.
    const outcomes = await deliverNewEvents({ twice: true, reverse: true });
    expect(outcomes.filter((o) => o === "duplicate").length).toBe(outcomes.length / 2);

    const after = await todayAtSfo();
    expect(after.orders - before.orders).toBe(4);
    expect(after.cancelled - before.cancelled).toBe(1);
    expect(after.refunded - before.refunded).toBe(refunded.totalCents);
    const [reason] = await db.$queryRawUnsafe<{ count: number }[]>(
      `SELECT sum(count)::int AS count FROM analytics_cancel_daily WHERE shop_id = $1::uuid AND reason = 'Out of oat milk'`,
      sfoId,
    );
    expect(reason?.count).toBeGreaterThanOrEqual(1);
    const [claims] = await db.$queryRawUnsafe<{ count: number }[]>(`SELECT COALESCE(sum(count), 0)::int AS count FROM analytics_timing_daily WHERE metric = 'claim'`);
    expect(claims!.count).toBeGreaterThanOrEqual(2);

    const live = await snapshotRollups(db);
    const rebuilt = await rebuild(db, { batchSize: 700 });
    expect(rebuilt.orders).toBe(await db.order.count());
    expect(await snapshotRollups(db)).toEqual(live);
  });

  it("the dashboard's figures agree with the orders themselves, in each shop's local dates", async () => {
    const shops = await db.shop.findMany({ orderBy: { name: "asc" }, select: { id: true, slug: true, name: true, timezone: true, currency: true } });
    // Other suites place and move orders in this run's shared database meanwhile, and only this
    // file feeds the rollups: rebuild them, read the dashboard, and count the orders before and
    // after; compare only when the orders did not move in between (else try again, at most 5 times).
    const ordersNow = (data: Awaited<ReturnType<typeof getDashboard>>) =>
      db.$queryRawUnsafe<{ orders: number; gross: number; refunded: number; tips: number; cancelled: number; items: number; claims: number }[]>(
        `WITH r AS (SELECT * FROM unnest($1::uuid[], $2::date[], $3::date[]) AS r(shop_id, f, t)),
         -- Cancelled as the facts define it (lib/analytics/facts.ts): by status, so an order that carries a
         -- cancellation time but is open again counts as live.
         o AS (SELECT o.*, (o.status IN ('CANCELLED', 'REFUNDING') OR (o.status = 'REFUNDED' AND o.cancelled_at IS NOT NULL)) AS gone
               FROM orders o JOIN shops s ON s.id = o.shop_id JOIN r ON r.shop_id = o.shop_id
               WHERE (o.placed_at AT TIME ZONE s.timezone)::date BETWEEN r.f AND r.t AND o.status <> 'PENDING_PAYMENT')
         SELECT count(*) FILTER (WHERE NOT gone)::int AS orders,
           COALESCE(sum(total_cents - tip_cents) FILTER (WHERE NOT gone), 0)::int AS gross,
           COALESCE(sum(total_cents - tip_cents) FILTER (WHERE status = 'REFUNDED' AND NOT gone), 0)::int AS refunded,
           COALESCE(sum(tip_cents) FILTER (WHERE status <> 'REFUNDED' AND NOT gone), 0)::int AS tips,
           count(*) FILTER (WHERE gone)::int AS cancelled,
           COALESCE((SELECT sum(quantity) FROM order_items i JOIN o ON o.id = i.order_id WHERE NOT o.gone), 0)::int AS items,
           count(*) FILTER (WHERE status IN ('CLAIMED', 'REFUNDED') AND NOT gone AND ready_at IS NOT NULL AND claimed_at >= ready_at)::int AS claims
         FROM o`,
        data.shops.map((s) => s.id),
        data.shops.map((s) => s.period.from),
        data.shops.map((s) => s.period.to),
      );
    for (const preset of ["today", "7d"] as const) {
      let data = await getDashboard(db, shops, { preset });
      let expected: Awaited<ReturnType<typeof ordersNow>>[number] | undefined;
      for (let attempt = 1; attempt <= 5; attempt++) {
        const [before] = await ordersNow(data);
        await rebuild(db, { batchSize: 700 });
        data = await getDashboard(db, shops, { preset });
        const [after] = await ordersNow(data);
        expected = after;
        if (JSON.stringify(before) === JSON.stringify(after)) break;
      }
      expect(expected!.orders).toBeGreaterThan(0);
      // On a mismatch, say which orders of the last days there are (shop, status, live or cancelled, payment).
      const breakdown = data.kpis.orders.current === expected!.orders ? "" : JSON.stringify({
        periods: data.shops.map((s) => [s.slug, s.period]),
        orders: await db.$queryRawUnsafe(`SELECT s.slug, o.status, o.cancelled_at IS NULL AS live, o.payment_method, count(*)::int AS n, min(o.placed_at) AS first, max(o.placed_at) AS last FROM orders o JOIN shops s ON s.id = o.shop_id WHERE o.placed_at > now() - interval '8 days' GROUP BY 1, 2, 3, 4 ORDER BY 1, 2`),
      });
      expect(data.kpis.orders.current, breakdown).toBe(expected!.orders);
      expect(data.kpis.grossRevenueCents.current).toBe(expected!.gross);
      expect(data.kpis.netRevenueCents.current).toBe(expected!.gross - expected!.refunded);
      expect(data.kpis.cancelled.current).toBe(expected!.cancelled);
      expect(data.kpis.tipsCents.current).toBe(expected!.tips);
      expect(data.tipsByShop.reduce((n, s) => n + s.tipsCents, 0)).toBe(expected!.tips);
      expect(data.series.reduce((n, x) => n + x.tipsCents, 0)).toBe(expected!.tips);
      expect(data.kpis.itemsSold.current).toBe(expected!.items);
      expect(data.series.reduce((n, x) => n + x.orders, 0)).toBe(expected!.orders);
      expect(data.heatmap.reduce((n, x) => n + x.orders, 0)).toBe(expected!.orders);
      expect(data.products.reduce((n, p) => n + p.quantity, 0)).toBe(expected!.items);
      expect(data.cancellations.reduce((n, c) => n + c.count, 0)).toBe(expected!.cancelled);
      expect(data.timings.find((t) => t.metric === "claim")?.count ?? 0).toBe(expected!.claims);
      expect(data.paymentMethods.reduce((n, m) => n + m.orders, 0)).toBe(expected!.orders);
    }
  });

  it("payments: syncing the same payment state twice counts it once; a refund adds to refunds", async () => {
    const payment = {
      paymentId: "0xfeed:0",
      shopId: sfoId,
      timezone: "America/Los_Angeles",
      status: "SETTLED",
      chainId: 31337,
      token: "USDC",
      amountBaseUnits: 12_340_000n,
      valueCents: 1234,
      settledAt: new Date(),
    };
    // The day's USDC row at SFO, before and after (seeded history may hold payments of its own).
    const row = async () => {
      const [r] = await db.$queryRawUnsafe<{ payments: number; amount: string; refunds: number; refunded: string }[]>(
        `SELECT payments, amount_base_units::text AS amount, refunds, refunded_base_units::text AS refunded FROM analytics_payment_daily
         WHERE shop_id = $1::uuid AND day = $2::date AND chain_id = 31337 AND token = 'USDC'`,
        sfoId,
        localDate(payment.settledAt, payment.timezone),
      );
      return r ? { payments: r.payments, amount: BigInt(r.amount), refunds: r.refunds, refunded: BigInt(r.refunded) } : { payments: 0, amount: 0n, refunds: 0, refunded: 0n };
    };
    const before = await row();
    await db.$transaction((tx) => syncPayment(tx, payment));
    await db.$transaction((tx) => syncPayment(tx, payment));
    await db.$transaction((tx) => syncPayment(tx, { ...payment, status: "REFUNDED" }));
    const after = await row();
    expect({ payments: after.payments - before.payments, amount: after.amount - before.amount, refunds: after.refunds - before.refunds, refunded: after.refunded - before.refunded }).toEqual({
      payments: 1,
      amount: 12_340_000n,
      refunds: 1,
      refunded: 12_340_000n,
    });
  });
});
