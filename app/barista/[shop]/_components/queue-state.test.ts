import { describe, expect, it } from "vitest";
import type { Ticket } from "@/lib/queue/tickets";
import { applySnapshot, applyTicket, emptyQueue, isUnseen, laneTickets, oldestBumpable } from "./queue-state";

function ticket(over: Partial<Ticket> = {}): Ticket {
  return {
    id: "a",
    seq: 1,
    version: 1,
    status: "QUEUED",
    open: true,
    customerName: "Ada Lovelace",
    pickupCode: "K7P2Q",
    notes: null,
    paymentMethod: "PAY_AT_PICKUP",
  totalCents: 545,
  tipCents: 0,
  currency: "USD",
    placedAt: "2026-01-01T10:00:00.000Z",
    queuedAt: "2026-01-01T10:00:01.000Z",
    startedAt: null,
    readyAt: null,
    etaAt: null,
    pickupAt: null,
    pickupLabel: null,
    cancelReason: null,
    stations: ["ESPRESSO_BAR"],
    items: [],
    ...over,
  };
}

describe("queue state", () => {
  it("keeps the newest version whatever the order of arrival", () => {
    let state = applyTicket(emptyQueue(), ticket({ version: 3, status: "PREPARING" }));
    state = applyTicket(state, ticket({ version: 2, status: "QUEUED" }));
    expect(state.byId.a?.status).toBe("PREPARING");
    state = applyTicket(state, ticket({ version: 4, status: "READY" }));
    expect(state.byId.a?.status).toBe("READY");
  });

  it("drops closed tickets and does not let a late event bring them back", () => {
    let state = applyTicket(emptyQueue(), ticket({ version: 1 }));
    state = applyTicket(state, ticket({ version: 5, status: "CLAIMED", open: false }));
    expect(state.byId.a).toBeUndefined();
    state = applyTicket(state, ticket({ version: 4, status: "READY" }));
    expect(state.byId.a).toBeUndefined();
    expect(isUnseen(state, "a")).toBe(false);
    // …but a recall after the hand-over (a newer version) does.
    state = applyTicket(state, ticket({ version: 6, status: "READY" }));
    expect(state.byId.a?.status).toBe("READY");
  });

  it("forces the server's current ticket after a conflict", () => {
    const state = applyTicket(emptyQueue(), ticket({ version: 2, status: "PREPARING" }));
    expect(applyTicket(state, ticket({ version: 2, status: "QUEUED" }), true).byId.a?.status).toBe("QUEUED");
  });

  it("replaces everything with a snapshot but keeps newer copies", () => {
    let state = applyTicket(emptyQueue(), ticket({ id: "gone" }));
    state = applyTicket(state, ticket({ id: "b", version: 7, status: "READY" }));
    state = applySnapshot(state, [ticket({ id: "b", version: 6, status: "PREPARING" }), ticket({ id: "c" })]);
    expect(Object.keys(state.byId).sort()).toEqual(["b", "c"]);
    expect(state.byId.b?.version).toBe(7);
  });

  it("sorts lanes oldest first and filters by station", () => {
    const tickets = [
      ticket({ id: "late", queuedAt: "2026-01-01T10:05:00.000Z", stations: ["FOOD"] }),
      ticket({ id: "early", queuedAt: "2026-01-01T10:01:00.000Z" }),
      ticket({ id: "making", status: "PREPARING", queuedAt: "2026-01-01T09:59:00.000Z", stations: ["BREW"] }),
    ];
    expect(laneTickets(tickets, "QUEUED", "ALL").map((t) => t.id)).toEqual(["early", "late"]);
    expect(laneTickets(tickets, "QUEUED", "FOOD").map((t) => t.id)).toEqual(["late"]);
    expect(oldestBumpable(tickets, "ALL")?.id).toBe("making");
    expect(oldestBumpable(tickets, "ESPRESSO_BAR")?.id).toBe("early");
  });
});

describe("orders for later on the queue", () => {
  it("sort by their promised time among the orders queued before and after it", () => {
    const early = ticket({ id: "early", queuedAt: "2026-01-01T10:00:00.000Z" });
    const later = ticket({ id: "later", queuedAt: "2026-01-01T10:09:00.000Z", pickupAt: "2026-01-01T10:15:00.000Z", pickupLabel: "10:15" });
    const after = ticket({ id: "after", queuedAt: "2026-01-01T10:12:00.000Z" });
    const last = ticket({ id: "last", queuedAt: "2026-01-01T10:16:00.000Z" });
    expect(laneTickets([last, later, after, early], "QUEUED", "ALL").map((t) => t.id)).toEqual(["early", "after", "later", "last"]);
  });
});
