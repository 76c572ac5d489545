import { describe, expect, it } from "vitest";
import { orderFact, type OrderSnapshot } from "./facts";
import { percentile } from "./histogram";
import { RollupDelta, replaceFact } from "./rollup";
import { localDate, localHour } from "./time";

const LATTE = "00000000-0000-7000-8000-000000000001";
const CROISSANT = "00000000-0000-7000-8000-000000000002";
const SHOP = "00000000-0000-7000-8000-0000000000aa";

function order(over: Partial<OrderSnapshot> = {}): OrderSnapshot {
  return {
    id: "00000000-0000-7000-8000-0000000000f1",
    shopId: SHOP,
    timezone: "America/New_York",
    status: "CLAIMED",
    paymentMethod: "PAY_AT_PICKUP",
    totalCents: 1085,
    tipCents: 0,
    cancelReason: null,
    placedAt: new Date("2026-11-25T13:05:00Z"),
    queuedAt: new Date("2026-11-25T13:05:02Z"),
    readyAt: new Date("2026-11-25T13:10:02Z"),
    claimedAt: new Date("2026-11-25T13:12:02Z"),
    cancelledAt: null,
    items: [
      { productId: LATTE, station: "ESPRESSO_BAR", quantity: 2, lineTotalCents: 900, doneAt: new Date("2026-11-25T13:09:02Z") },
      { productId: CROISSANT, station: "FOOD", quantity: 1, lineTotalCents: 100, doneAt: null },
    ],
    ...over,
  };
}

describe("local time buckets", () => {
  it("puts an instant in the shop's local hour and date, across the UTC day boundary", () => {
    // 03:30 UTC on the 26th is still the evening of the 25th in New York (UTC−5) and Los Angeles.
    const at = new Date("2026-11-26T03:30:00Z");
    expect(localHour(at, "America/New_York")).toBe("2026-11-25T22:00");
    expect(localDate(at, "America/Los_Angeles")).toBe("2026-11-25");
    expect(localDate(at, "Europe/Berlin")).toBe("2026-11-26");
    // Half-hour zones bucket by their own hour.
    expect(localHour(new Date("2026-11-25T18:45:00Z"), "Asia/Kolkata")).toBe("2026-11-26T00:00");
  });

  it("follows daylight saving: the same UTC hour is a different local hour in summer", () => {
    expect(localHour(new Date("2026-07-01T12:00:00Z"), "America/New_York")).toBe("2026-07-01T08:00");
    expect(localHour(new Date("2026-12-01T12:00:00Z"), "America/New_York")).toBe("2026-12-01T07:00");
    // 2026-11-01 01:30 happens twice in New York; both land in the local 01:00 bucket of that day.
    expect(localHour(new Date("2026-11-01T05:30:00Z"), "America/New_York")).toBe("2026-11-01T01:00");
    expect(localHour(new Date("2026-11-01T06:30:00Z"), "America/New_York")).toBe("2026-11-01T01:00");
  });
});

describe("orderFact", () => {
  it("counts a collected order with its revenue, items, prep per station and claim time", () => {
    const fact = orderFact(order())!;
    expect(fact).toMatchObject({ hour: "2026-11-25T08:00", orders: 1, cancelled: 0, grossCents: 1085, refunds: 0, refundedCents: 0, itemsSold: 3, cancelReason: null });
    expect(fact.products).toEqual([
      [LATTE, 2, 900],
      [CROISSANT, 1, 100],
    ]);
    // Espresso bar done after 240 s; the croissant has no done time, so the food station waits for the order (300 s).
    expect(fact.timings).toEqual([
      ["prep:ESPRESSO_BAR", 240],
      ["prep:FOOD", 300],
      ["claim", 120],
    ]);
  });

  it("late evening orders belong to the shop's local day, not the UTC one", () => {
    const fact = orderFact(order({ placedAt: new Date("2026-11-26T04:59:59Z"), timezone: "America/New_York" }))!;
    expect(fact.hour).toBe("2026-11-25T23:00");
    const next = orderFact(order({ placedAt: new Date("2026-11-26T05:00:00Z"), timezone: "America/New_York" }))!;
    expect(next.hour).toBe("2026-11-26T00:00");
  });

  it("does not count an order awaiting payment", () => {
    expect(orderFact(order({ status: "PENDING_PAYMENT", queuedAt: null, readyAt: null, claimedAt: null }))).toBeNull();
  });

  it("counts a cancellation with its reason and lost money, not as an order", () => {
    const fact = orderFact(order({ status: "CANCELLED", readyAt: null, claimedAt: null, cancelledAt: new Date("2026-11-25T13:06:00Z"), cancelReason: "Out of oat milk" }))!;
    expect(fact).toMatchObject({ orders: 0, cancelled: 1, grossCents: 0, itemsSold: 0, products: [], timings: [], cancelReason: "Out of oat milk", cancelledCents: 1085 });
    expect(orderFact(order({ status: "CANCELLED", cancelledAt: new Date(), cancelReason: "  " }))?.cancelReason).toBe("No reason given");
  });

  it("keeps prep time for an order cancelled after it was made (never picked up)", () => {
    const fact = orderFact(order({ status: "CANCELLED", claimedAt: null, cancelledAt: new Date("2026-11-25T15:00:00Z"), cancelReason: "Not picked up" }))!;
    expect(fact.timings.map(([m]) => m)).toEqual(["prep:ESPRESSO_BAR", "prep:FOOD"]);
  });

  it("a refund after collection keeps the order and gross revenue and moves the total to refunds", () => {
    const fact = orderFact(order({ status: "REFUNDED" }))!;
    expect(fact).toMatchObject({ orders: 1, grossCents: 1085, refunds: 1, refundedCents: 1085, cancelled: 0, itemsSold: 3 });
    expect(fact.timings.map(([m]) => m)).toContain("claim");
  });

  it("a refund of a cancelled order stays a cancellation and is not taken off revenue twice", () => {
    const fact = orderFact(order({ status: "REFUNDED", readyAt: null, claimedAt: null, cancelledAt: new Date("2026-11-25T13:06:00Z"), cancelReason: "Payment too late" }))!;
    expect(fact).toMatchObject({ orders: 0, cancelled: 1, grossCents: 0, refunds: 0, refundedCents: 0, cancelReason: "Payment too late" });
  });

  it("an order whose refund is being sent (REFUNDING) is still the cancellation it was, with nothing refunded yet", () => {
    const cancelled = { readyAt: null, claimedAt: null, cancelledAt: new Date("2026-11-25T13:06:00Z"), cancelReason: "Machine broke" };
    const refunding = orderFact(order({ status: "REFUNDING", ...cancelled }))!;
    expect(refunding).toMatchObject({ orders: 0, cancelled: 1, grossCents: 0, refunds: 0, refundedCents: 0, cancelReason: "Machine broke", cancelledCents: 1085 });
    expect(refunding).toEqual(orderFact(order({ status: "CANCELLED", ...cancelled })));
  });

  it("a recalled order (ready → preparing) has no prep time until it is ready again", () => {
    expect(orderFact(order({ status: "PREPARING", claimedAt: null }))!.timings).toEqual([]);
  });
});

describe("RollupDelta", () => {
  it("replacing a fact applies only the difference, and the same fact twice changes nothing", () => {
    const placed = orderFact(order({ status: "QUEUED", readyAt: null, claimedAt: null }));
    const claimed = orderFact(order());
    const delta = replaceFact(new RollupDelta(), SHOP, placed, claimed).compact();
    expect([...delta.hourly.values()]).toEqual([]); // counts and revenue were already there
    expect([...delta.timings.values()].map((t) => [t.metric, t.count])).toEqual([
      ["prep:ESPRESSO_BAR", 1],
      ["prep:FOOD", 1],
      ["claim", 1],
    ]);
    expect(replaceFact(new RollupDelta(), SHOP, claimed, claimed).compact().empty).toBe(true);
  });

  it("sums orders per shop and local hour; a refund lowers net revenue, a cancellation the orders", () => {
    const delta = new RollupDelta();
    delta.add(SHOP, orderFact(order()), 1);
    delta.add(SHOP, orderFact(order({ status: "REFUNDED", totalCents: 500, paymentMethod: "CRYPTO" })), 1);
    delta.add(SHOP, orderFact(order({ status: "CANCELLED", cancelledAt: new Date(), cancelReason: "Customer changed their mind" })), 1);
    // One order placed after local midnight goes to the next local day.
    delta.add(SHOP, orderFact(order({ placedAt: new Date("2026-11-26T05:10:00Z") })), 1);
    const rows = [...delta.hourly.values()].sort((a, b) => a.hour.localeCompare(b.hour));
    expect(rows.map((r) => r.hour)).toEqual(["2026-11-25T08:00", "2026-11-26T00:00"]);
    expect(rows[0]).toMatchObject({ orders: 2, cancelled: 1, grossCents: 1585, refunds: 1, refundedCents: 500, pickupOrders: 1, pickupCents: 1085, cryptoOrders: 1, cryptoCents: 500 });
    expect(rows[0]!.grossCents - rows[0]!.refundedCents).toBe(1085); // net revenue
    expect([...delta.cancels.values()]).toEqual([{ shopId: SHOP, day: "2026-11-25", reason: "Customer changed their mind", count: 1, cents: 1085 }]);
    expect([...delta.products.values()].filter((p) => p.day === "2026-11-25").map((p) => p.quantity)).toEqual([4, 2]);
  });

  it("merged histograms give percentiles back within a bucket", () => {
    const delta = new RollupDelta();
    for (let s = 1; s <= 100; s++) {
      const at = new Date(Date.parse("2026-11-25T13:05:02Z") + s * 6_000);
      delta.add(SHOP, orderFact(order({ readyAt: at, claimedAt: at, items: [{ productId: LATTE, station: "BREW", quantity: 1, lineTotalCents: 100, doneAt: null }] })), 1);
    }
    const brew = [...delta.timings.values()].find((t) => t.metric === "prep:BREW")!;
    expect(brew.count).toBe(100);
    expect(brew.totalSeconds).toBe(30_300);
    // True p50 = 300 s, p95 = 570 s; buckets are 15 s wide to 300 s and 30 s to 600 s.
    expect(Math.abs(percentile(brew.buckets, 50)! - 300)).toBeLessThanOrEqual(15);
    expect(Math.abs(percentile(brew.buckets, 95)! - 570)).toBeLessThanOrEqual(30);
  });
});

describe("tips", () => {
  it("keeps a tip out of revenue and counts it as tips, until a refund returns it", () => {
    const tipped = orderFact(order({ totalCents: 1285, tipCents: 200 }));
    expect(tipped).toMatchObject({ grossCents: 1085, tipsCents: 200 });
    expect(orderFact(order({ status: "REFUNDED", totalCents: 1285, tipCents: 200 }))).toMatchObject({ grossCents: 1085, refundedCents: 1085, tipsCents: 0 });
    expect(orderFact(order({ status: "CANCELLED", totalCents: 1285, tipCents: 200, cancelledAt: new Date("2026-11-25T13:06:00Z") }))).toMatchObject({ grossCents: 0, cancelledCents: 1085, tipsCents: 0 });
    const delta = new RollupDelta().add(SHOP, tipped, 1);
    const [row] = [...delta.hourly.values()];
    expect(row).toMatchObject({ grossCents: 1085, pickupCents: 1085, tipsCents: 200 });
  });

  it("reads a fact stored before tips existed as no tips", () => {
    const { tipsCents: _dropped, ...old } = orderFact(order())!;
    const delta = new RollupDelta().add(SHOP, old, 1).add(SHOP, orderFact(order({ totalCents: 1185, tipCents: 100 })), -1);
    expect([...delta.hourly.values()][0]).toMatchObject({ tipsCents: -100, grossCents: 0 });
  });
});

describe("orders for later: ready by the promised time", () => {
  it("counts a scheduled order that became ready, and as on time only when ready by its pickup time", () => {
    const onTime = orderFact(order({ pickupAt: new Date("2026-11-25T13:15:00Z") }))!;
    expect([onTime.scheduledReady, onTime.scheduledOnTime]).toEqual([1, 1]);
    const exactly = orderFact(order({ pickupAt: new Date("2026-11-25T13:10:02Z") }))!;
    expect(exactly.scheduledOnTime).toBe(1);
    const late = orderFact(order({ pickupAt: new Date("2026-11-25T13:10:00Z") }))!;
    expect([late.scheduledReady, late.scheduledOnTime]).toEqual([1, 0]);
  });

  it("leaves orders as soon as possible and scheduled ones never made out of it, and sums into the hourly rollup", () => {
    const asap = orderFact(order())!;
    expect(asap.scheduledReady).toBeUndefined();
    const cancelled = orderFact(order({ status: "CANCELLED", readyAt: null, claimedAt: null, cancelledAt: new Date("2026-11-25T13:06:00Z"), pickupAt: new Date("2026-11-25T13:15:00Z") }))!;
    expect(cancelled.scheduledReady).toBeUndefined();

    const delta = new RollupDelta()
      .add(SHOP, orderFact(order({ pickupAt: new Date("2026-11-25T13:15:00Z") })), 1)
      .add(SHOP, orderFact(order({ id: "00000000-0000-7000-8000-0000000000f2", pickupAt: new Date("2026-11-25T13:00:00Z") })), 1);
    const hour = [...delta.hourly.values()][0]!;
    expect([hour.scheduledReady, hour.scheduledOnTime]).toEqual([2, 1]);
  });
});
