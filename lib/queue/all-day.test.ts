import { describe, expect, it } from "vitest";
import { allDayCounts } from "./all-day";
import type { TicketItem } from "./tickets";

const item = (productName: string, quantity: number, options: string[], extra: Partial<TicketItem> = {}): TicketItem => ({
  id: crypto.randomUUID(), productName, quantity, options, notes: null, station: "ESPRESSO_BAR", done: false, ...extra,
});

describe("all-day counts", () => {
  const tickets = [
    { status: "QUEUED" as const, items: [item("Latte", 2, ["Large", "Oat milk", "Hot"]), item("Croissant", 1, [], { station: "FOOD" })] },
    { status: "PREPARING" as const, items: [item("Latte", 1, ["Medium", "Whole milk", "Hot"]), item("Latte", 1, ["Large", "Whole milk", "Hot"], { done: true })] },
    { status: "READY" as const, items: [item("Latte", 5, ["Large", "Oat milk", "Hot"])] },
  ];

  it("counts what is still to make per item and option, leaving out options every unit has", () => {
    expect(allDayCounts(tickets, "ALL")).toEqual([
      { item: "Latte", quantity: 3, options: [{ name: "Large", quantity: 2 }, { name: "Oat milk", quantity: 2 }, { name: "Medium", quantity: 1 }, { name: "Whole milk", quantity: 1 }] },
      { item: "Croissant", quantity: 1, options: [] },
    ]);
  });

  it("counts one station's items only", () => {
    expect(allDayCounts(tickets, "FOOD")).toEqual([{ item: "Croissant", quantity: 1, options: [] }]);
    expect(allDayCounts([], "ALL")).toEqual([]);
  });
});
