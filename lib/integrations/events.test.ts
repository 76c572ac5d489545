import { describe, expect, it } from "vitest";
import type { ConsumedEvent } from "@/lib/kafka/consumer";
import { createEvent } from "@/lib/kafka/events";
import { alertOf } from "./events";
import { previousLocalDay } from "./summary";

const orderId = "0190a1b2-0000-7000-8000-000000000001";
const shopId = "0190a1b2-0000-7000-8000-000000000002";
const status = (from: "PLACED" | "QUEUED" | "CANCELLED" | "REFUNDING", to: "CANCELLED" | "REFUNDED" | "READY", reason?: string) =>
  createEvent("order.status_changed", orderId, { orderId, shopId, from, to, ...(reason ? { reason } : {}) }) as unknown as ConsumedEvent;
const invoice = (from: "SETTLED" | "PROCESSING", to: "NEW" | "INVALID" | "SETTLED") =>
  createEvent("invoice.status_changed", orderId, { invoiceId: orderId, orderId, shopId, from, to, exception: null, chainId: 31337, token: "USDC", amountDue: "1", amountPaid: "1", released: true }) as unknown as ConsumedEvent;

describe("which events are alerts", () => {
  it("maps cancellations, refunds and undone payments, and nothing else", () => {
    expect(alertOf(status("PLACED", "CANCELLED", "out of oat milk"))).toMatchObject({ kind: "order.cancelled", reason: "out of oat milk", shopId, orderId });
    expect(alertOf(status("REFUNDING", "REFUNDED"))).toMatchObject({ kind: "order.refunded" });
    expect(alertOf(status("QUEUED", "READY"))).toBeNull();
    expect(alertOf(invoice("SETTLED", "NEW"))).toMatchObject({ kind: "payment.undone", chainId: 31337, token: "USDC" });
    expect(alertOf(invoice("SETTLED", "INVALID"))).toMatchObject({ kind: "payment.undone" });
    expect(alertOf(invoice("PROCESSING", "SETTLED"))).toBeNull();
  });
});

describe("previousLocalDay", () => {
  it("is the day before the shop's local date, across time zones and month ends", () => {
    const now = new Date("2026-12-03T02:53:00Z");
    expect(previousLocalDay(now, "America/Chicago")).toBe("2026-12-01"); // 20:53 on Dec 2 there
    expect(previousLocalDay(now, "Europe/Berlin")).toBe("2026-12-02");
    expect(previousLocalDay(new Date("2026-03-01T12:00:00Z"), "UTC")).toBe("2026-02-28");
  });
});
