import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KafkaMessage } from "kafkajs";
import { addDays } from "@/lib/analytics/time";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { handleMessage } from "@/lib/kafka/consumer";
import { encodeEnvelope } from "@/lib/kafka/envelope";
import { createEvent } from "@/lib/kafka/events";
import { childLogger } from "@/lib/log";
import { seed } from "@/prisma/seed";
import { runScheduler } from "./agent";
import { SCHEDULER_CONSUMER, schedulerHandler } from "./handlers";
import { forecastAccuracy, staffingPlan } from "./plan-view";

/**
 * Order history in the database → forecast rows: a shop of its own (New York time) with four
 * weeks of a steady pattern (60 orders at 08:00 on weekdays, 3 an hour otherwise, 2 on weekends;
 * every latte made in 60 s and every croissant 20 s after it), forecast on Monday 2026-12-07.
 */

const db = createDb(env().DATABASE_URL, 4);
const TZ = "America/New_York";
const MONDAY = "2026-12-07";
/** A local New York time on a date (UTC−5 in December). */
const at = (date: string, hh: number, mm = 0) => new Date(`${date}T${String(hh + 5).padStart(2, "0")}:${String(mm).padStart(2, "0")}:00Z`);
const pattern = (weekday: number, hour: number) => (hour < 8 || hour > 16 ? 0 : weekday === 0 || weekday === 6 ? 2 : hour === 8 ? 60 : 3);
let shopId: string;

async function addOrders(date: string, count: (hour: number) => number) {
  const latte = await db.product.findUniqueOrThrow({ where: { slug: "caffe-latte" } });
  const croissant = await db.product.findUniqueOrThrow({ where: { slug: "butter-croissant" } });
  const orders = [];
  const items = [];
  for (let hour = 0; hour < 24; hour++) {
    for (let k = 0; k < count(hour); k++) {
      const id = crypto.randomUUID();
      const placed = at(date, hour, Math.floor((k * 60) / Math.max(1, count(hour)))).getTime();
      const started = placed + 30_000;
      orders.push({ id, shopId, customerName: "History", status: "CLAIMED" as const, paymentMethod: "PAY_AT_PICKUP" as const, pickupCode: "A1", subtotalCents: 800, taxCents: 0, totalCents: 800, currency: "USD", placedAt: new Date(placed), queuedAt: new Date(placed + 5_000), startedAt: new Date(started), readyAt: new Date(started + 90_000), claimedAt: new Date(started + 120_000) });
      items.push({ orderId: id, productId: latte.id, productName: latte.name, station: "ESPRESSO_BAR" as const, quantity: 1, unitPriceCents: 500, lineTotalCents: 500, status: "DONE" as const, doneAt: new Date(started + 60_000) });
      items.push({ orderId: id, productId: croissant.id, productName: croissant.name, station: "FOOD" as const, quantity: 1, unitPriceCents: 300, lineTotalCents: 300, status: "DONE" as const, doneAt: new Date(started + 80_000) });
    }
  }
  await db.order.createMany({ data: orders });
  await db.orderItem.createMany({ data: items });
}

const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

beforeAll(async () => {
  await seed(db, { historyDays: 0 });
  const shop = await db.shop.create({
    data: { slug: `scheduler-test-${crypto.randomUUID().slice(0, 8)}`, name: "Scheduler Test", addressLine: "1 Test St", city: "New York", postalCode: "10001", country: "US", timezone: TZ, hours: { create: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opensMinute: 7 * 60, closesMinute: 17 * 60 })) } },
  });
  shopId = shop.id;
  for (let back = 1; back <= 28; back++) {
    const date = addDays(MONDAY, -back);
    await addOrders(date, (hour) => pattern(weekdayOf(date), hour));
  }
}, 60_000);

afterAll(async () => {
  // The run's other suites share this database: leave no orders of this shop behind.
  await db.order.deleteMany({ where: { shopId } });
  await db.$executeRaw`DELETE FROM scheduler_forecasts WHERE shop_id = ${shopId}::uuid`;
  await db.agentRun.deleteMany({ where: { shopId } });
  await db.agentAlert.deleteMany({ where: { shopId } });
  await db.shop.delete({ where: { id: shopId } });
  await db.$disconnect();
});

const rows = () => db.$queryRaw<{ hour: string; orders: number; last_week: number; espresso_bar: number; food: number; total: number; run_id: string }[]>`
  SELECT to_char(hour, 'YYYY-MM-DD"T"HH24:00') AS hour, orders, last_week, espresso_bar, food, total, run_id::text FROM scheduler_forecasts WHERE shop_id = ${shopId}::uuid ORDER BY hour`;

describe("scheduler agent", () => {
  it("forecasts the hours still to come this week from the history, with baristas from the measured work", async () => {
    const run = await runScheduler(db, { model: null, now: () => at(MONDAY, 6, 30) }, shopId);
    const stored = await rows();
    // 07:00 to midnight today, then 6 full days.
    expect(stored).toHaveLength(17 + 6 * 24);
    expect(stored[0]!.hour).toBe("2026-12-07T07:00");
    const monday8 = stored.find((r) => r.hour === "2026-12-07T08:00")!;
    expect(monday8.orders).toBeCloseTo(60, 6);
    expect(monday8.last_week).toBe(60);
    // 60 orders × 60 s at the bar = 1 barista-hour → 2 at 75 %; × 20 s of food → 1; 80 s in all → 2.
    expect(monday8).toMatchObject({ espresso_bar: 2, food: 1, total: 2 });
    const saturday10 = stored.find((r) => r.hour === "2026-12-12T10:00")!;
    expect(saturday10.orders).toBeCloseTo(2, 6);
    expect(saturday10.total).toBe(1);
    // Open but nothing expected: one barista all the same; closed: none.
    expect(stored.find((r) => r.hour === "2026-12-07T07:00")!.total).toBe(1);
    expect(stored.find((r) => r.hour === "2026-12-07T20:00")!.total).toBe(0);

    expect(run.output).toMatchObject({ workSource: "measured", explainedBy: "rules" });
    expect(run.output.workSecondsPerOrder.ESPRESSO_BAR).toBeCloseTo(60, 6);
    expect(run.output.workSecondsPerOrder.FOOD).toBeCloseTo(20, 6);
    const recorded = await db.agentRun.findUniqueOrThrow({ where: { id: run.runId } });
    expect(recorded).toMatchObject({ agent: "scheduler", provider: "rules", outcome: "OK", shopId });
    expect((recorded.output as { explanation: string }).explanation).toMatch(/^\d+ orders expected over the next 7 days .* Busiest: Monday at 08:00 with 60 orders, needing 2 on shift\.$/);
  });

  it("re-running the day replaces its rows, never duplicates them, and keeps what was forecast before an hour began", async () => {
    const first = await rows();
    await runScheduler(db, { model: null, now: () => at(MONDAY, 6, 30) }, shopId);
    expect(await rows()).toHaveLength(first.length);
    const later = await runScheduler(db, { model: null, now: () => at(MONDAY, 10, 30) }, shopId);
    const after = await rows();
    expect(after).toHaveLength(first.length);
    const byHour = new Map(after.map((r) => [r.hour, r]));
    // 09:00 began before the second run: it keeps the earlier forecast; 11:00 is the new run's.
    expect(byHour.get("2026-12-07T09:00")!.run_id).not.toBe(later.runId);
    expect(byHour.get("2026-12-07T11:00")!.run_id).toBe(later.runId);
    expect(await db.agentRun.count({ where: { shopId, agent: "scheduler" } })).toBe(3);
  });

  it("shows the plan from the current hour, and afterwards the forecast against actual beside same-hour-last-week", async () => {
    const plan = await staffingPlan(db, shopId, TZ, at(MONDAY, 10, 30));
    expect(plan.days[0]!.date).toBe(MONDAY);
    expect(plan.days[0]!.hours[0]!.hour).toBe("2026-12-07T10:00");
    expect(plan.days).toHaveLength(7);
    expect(plan.run?.output.explainedBy).toBe("rules");

    // Monday's actuals: 50 at 08:00 instead of 60, as forecast otherwise.
    await addOrders(MONDAY, (hour) => (hour === 8 ? 50 : pattern(1, hour)));
    const accuracy = await forecastAccuracy(db, shopId, TZ, at(addDays(MONDAY, 1), 7, 30));
    const monday = accuracy.days.find((d) => d.date === MONDAY)!;
    // Hours 07:00–23:00 had stored forecasts; 08:00 to 16:00 had orders: 08:00 is 20 % off, the rest exact.
    expect(monday.hours).toBe(17);
    expect(monday.actual).toBe(50 + 8 * 3);
    expect(monday.mape).toBeCloseTo(0.2 / 9, 6);
    expect(monday.naiveMape).toBeCloseTo(0.2 / 9, 6);
  });

  it("an hour running well above its forecast alerts the managers once (order events on Kafka), resolved when the hour is over", async () => {
    // Monday 08:00 was forecast at 60; 50 orders are in (above): 40 more make 90 = 1.5 × 60.
    await addOrders(MONDAY, (hour) => (hour === 8 ? 40 : 0));
    const log = childLogger("scheduler-agent-test");
    const deliver = (clock: Date, event = createEvent("order.placed", crypto.randomUUID(), { orderId: crypto.randomUUID(), shopId, status: "QUEUED", totalCents: 800, currency: "USD", items: [{ productId: crypto.randomUUID(), quantity: 1 }] })) => {
      const message = { value: encodeEnvelope({ id: event.id, type: event.type, key: event.key, version: event.version, occurredAt: event.occurredAt, payload: event.payload }), key: Buffer.from(event.key), offset: "0", headers: {} } as unknown as KafkaMessage;
      return { event, outcome: handleMessage({ db, name: SCHEDULER_CONSUMER, batch: schedulerHandler(() => clock), log }, message, (reason) => Promise.reject(new Error(reason))) };
    };
    const first = deliver(at(MONDAY, 8, 50));
    expect(await first.outcome).toBe("handled");
    expect(await deliver(at(MONDAY, 8, 50), first.event).outcome).toBe("duplicate");
    expect(await deliver(at(MONDAY, 8, 55)).outcome).toBe("handled");
    const alerts = await db.agentAlert.findMany({ where: { shopId, agent: "scheduler" } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.message).toBe("Busier than forecast: 90 orders so far in the 08:00 hour, 60 forecast; the plan has 2 on shift");
    expect(await db.outboxEvent.count({ where: { type: "agents.alert", key: alerts[0]!.id } })).toBe(1);

    // The next order comes at 09:05, an hour as forecast: the alert is resolved.
    expect(await deliver(at(MONDAY, 9, 5)).outcome).toBe("handled");
    expect((await db.agentAlert.findUniqueOrThrow({ where: { id: alerts[0]!.id } })).resolvedAt).not.toBeNull();
    expect(await db.agentRun.count({ where: { shopId, agent: "scheduler", inputsSummary: { startsWith: "hour 2026-12-07T" } } })).toBe(2);
  });
});
