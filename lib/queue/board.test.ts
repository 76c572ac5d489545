import { describe, expect, it } from "vitest";
import { boardKey, boardName, toBoardEntry } from "./board";
import type { Ticket } from "./tickets";

const ticket = (over: Partial<Ticket>): Ticket => ({
  id: "0190f5a2-0000-7000-8000-000000000001",
  seq: 1,
  version: 1,
  status: "QUEUED",
  open: true,
  customerName: "Margaret Hamilton",
  pickupCode: "K7P2Q",
  notes: "ring the bell twice",
  paymentMethod: "PAY_AT_PICKUP",
  totalCents: 545,
  tipCents: 0,
  currency: "USD",
  placedAt: "2026-12-02T10:00:00.000Z",
  queuedAt: null,
  startedAt: null,
  readyAt: null,
  etaAt: null,
  pickupAt: null,
  pickupLabel: null,
  cancelReason: null,
  stations: [],
  items: [],
  ...over,
});

describe("the public status board", () => {
  it("calls people by first name and initial", () => {
    expect(boardName("Margaret Hamilton")).toBe("Margaret H.");
    expect(boardName("  ada   de la lovelace ")).toBe("ada L.");
    expect(boardName("Linus")).toBe("Linus");
  });

  it("carries no order id, pickup code or notes, only a key that cannot be turned back into the id", () => {
    const entry = toBoardEntry(ticket({ status: "READY" }), "secret-one-secret-one");
    expect(entry).toEqual({ key: expect.any(String), name: "Margaret H.", lane: "ready" });
    const text = JSON.stringify(entry);
    for (const secretPart of ["0190f5a2", "K7P2Q", "bell", "Hamilton"]) expect(text).not.toContain(secretPart);
    expect(boardKey("a", "s1")).toBe(boardKey("a", "s1"));
    expect(boardKey("a", "s1")).not.toBe(boardKey("a", "s2"));
    expect(boardKey("a", "s1")).not.toBe(boardKey("b", "s1"));
  });

  it("puts open orders in their lane and removes closed ones", () => {
    expect(toBoardEntry(ticket({ status: "PREPARING" }), "s").lane).toBe("preparing");
    expect(toBoardEntry(ticket({ status: "CLAIMED", open: false }), "s").lane).toBeNull();
  });
});
