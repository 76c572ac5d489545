import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { decodeEnvelope, encodeEnvelope } from "./envelope";
import { createEvent } from "./events";
import { TOPICS } from "./topics";

const orderId = "0196b6c8-6c3e-7000-8000-000000000001";
const shopId = "0196b6c8-6c3e-7000-8000-000000000002";
const productId = "0196b6c8-6c3e-7000-8000-000000000003";

describe("createEvent", () => {
  it("fills the envelope from the catalog", () => {
    const at = new Date("2026-11-25T08:00:00Z");
    const event = createEvent("order.placed", orderId, { orderId, shopId, status: "PLACED", totalCents: 545, currency: "USD", items: [{ productId, quantity: 1 }] }, at);
    expect(event).toMatchObject({ type: "order.placed", topic: TOPICS.orderEvents, key: orderId, version: 1, occurredAt: "2026-11-25T08:00:00.000Z" });
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses a payload that breaks the contract", () => {
    expect(() =>
      createEvent("order.placed", orderId, { orderId, shopId, status: "PLACED", totalCents: 5.45, currency: "USD", items: [] }),
    ).toThrow(ZodError);
  });
});

describe("envelope encoding", () => {
  it("round-trips", () => {
    const event = createEvent("order.status_changed", orderId, { orderId, shopId, from: "PLACED", to: "QUEUED" });
    const { topic: _topic, ...envelope } = event;
    expect(decodeEnvelope(encodeEnvelope(envelope))).toEqual(envelope);
  });

  it("rejects empty, non-JSON and incomplete messages", () => {
    expect(() => decodeEnvelope(null)).toThrow(SyntaxError);
    expect(() => decodeEnvelope(Buffer.from("{nope"))).toThrow(SyntaxError);
    expect(() => decodeEnvelope(Buffer.from(JSON.stringify({ id: "x", type: "order.placed" })))).toThrow(ZodError);
  });
});
