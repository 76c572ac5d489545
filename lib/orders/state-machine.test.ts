import { describe, expect, it } from "vitest";
import { ORDER_STATUSES, canTransition, hasEnded, isOpen, refusal } from "./state-machine";

describe("order state machine", () => {
  it("follows the happy path only forward, step by step", () => {
    expect(canTransition("PLACED", "QUEUED", "system")).toBe(true);
    expect(canTransition("QUEUED", "PREPARING", "staff")).toBe(true);
    expect(canTransition("PREPARING", "READY", "staff")).toBe(true);
    expect(canTransition("READY", "CLAIMED", "staff")).toBe(true);
    expect(canTransition("PLACED", "READY", "staff")).toBe(false);
    expect(canTransition("QUEUED", "CLAIMED", "staff")).toBe(false);
  });

  it("lets customers cancel only before preparation starts", () => {
    expect(canTransition("PLACED", "CANCELLED", "customer")).toBe(true);
    expect(canTransition("QUEUED", "CANCELLED", "customer")).toBe(true);
    expect(canTransition("PREPARING", "CANCELLED", "customer")).toBe(false);
    expect(refusal("PREPARING", "CANCELLED", "customer")).toBe("This order is already being prepared and can no longer be cancelled; please ask at the counter.");
  });

  it("queues orders only through the system (the order processor), never by hand", () => {
    expect(canTransition("PLACED", "QUEUED", "staff")).toBe(false);
    expect(canTransition("PLACED", "QUEUED", "customer")).toBe(false);
  });

  it("refunds sent by the app pass through REFUNDING: staff claim it, then it ends REFUNDED or goes back to CANCELLED", () => {
    expect(canTransition("CANCELLED", "REFUNDING", "staff")).toBe(true);
    expect(canTransition("CANCELLED", "REFUNDING", "customer")).toBe(false);
    expect(canTransition("REFUNDING", "REFUNDED", "staff")).toBe(true);
    expect(canTransition("REFUNDING", "CANCELLED", "staff")).toBe(true);
    expect(canTransition("REFUNDING", "CANCELLED", "customer")).toBe(false);
    // Only a cancelled order is refunded; nothing else reaches REFUNDING, and it is not open.
    for (const from of ORDER_STATUSES.filter((s) => s !== "CANCELLED")) expect(canTransition(from, "REFUNDING", "staff")).toBe(false);
    for (const to of ["PLACED", "QUEUED", "PREPARING", "READY", "CLAIMED"] as const) expect(canTransition("REFUNDING", to, "staff")).toBe(false);
    expect(isOpen("REFUNDING")).toBe(false);
    expect(hasEnded("REFUNDING")).toBe(true);
    expect(hasEnded("CLAIMED")).toBe(false);
  });

  it("has no way out of REFUNDED, and closed orders are not open", () => {
    for (const to of ORDER_STATUSES) for (const actor of ["customer", "staff", "system"] as const) expect(canTransition("REFUNDED", to, actor)).toBe(false);
    expect(isOpen("CLAIMED")).toBe(false);
    expect(isOpen("CANCELLED")).toBe(false);
    expect(isOpen("READY")).toBe(true);
  });
});

describe("orders for later", () => {
  it("wait in SCHEDULED after placement and join the queue only through the system", () => {
    expect(canTransition("PLACED", "SCHEDULED", "system")).toBe(true);
    expect(canTransition("SCHEDULED", "QUEUED", "system")).toBe(true);
    for (const actor of ["customer", "staff"] as const) {
      expect(canTransition("PLACED", "SCHEDULED", actor)).toBe(false);
      expect(canTransition("SCHEDULED", "QUEUED", actor)).toBe(false);
    }
    // Never straight to the bar, never back to waiting once queued.
    for (const to of ["PREPARING", "READY", "CLAIMED", "PLACED"] as const) expect(canTransition("SCHEDULED", to, "staff")).toBe(false);
    expect(canTransition("QUEUED", "SCHEDULED", "system")).toBe(false);
  });

  it("may be cancelled by the customer while waiting, and hold their pickup code", () => {
    expect(canTransition("SCHEDULED", "CANCELLED", "customer")).toBe(true);
    expect(canTransition("SCHEDULED", "CANCELLED", "staff")).toBe(true);
    expect(isOpen("SCHEDULED")).toBe(true);
    expect(hasEnded("SCHEDULED")).toBe(false);
  });
});
