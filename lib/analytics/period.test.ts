import { describe, expect, it } from "vitest";
import { averageTicket, change, dashboardQuery, daysOfCover, isLowStock, periodOf, shopPeriod } from "./period";

describe("dashboard period", () => {
  const now = new Date("2026-11-26T03:30:00Z"); // evening of the 25th in the US, the 26th in Europe

  it("'today' is each shop's own local day; the previous period is the day before", () => {
    expect(shopPeriod({ preset: "today" }, "America/Los_Angeles", now)).toEqual({ from: "2026-11-25", to: "2026-11-25", previousFrom: "2026-11-24", previousTo: "2026-11-24", days: 1 });
    expect(shopPeriod({ preset: "today" }, "Europe/Berlin", now).from).toBe("2026-11-26");
  });

  it("presets and fixed dates span whole local days, with an equally long previous period", () => {
    expect(shopPeriod({ preset: "7d" }, "America/New_York", now)).toEqual({ from: "2026-11-19", to: "2026-11-25", previousFrom: "2026-11-12", previousTo: "2026-11-18", days: 7 });
    expect(shopPeriod({ from: "2026-02-27", to: "2026-03-02" }, "America/New_York", now)).toEqual({ from: "2026-02-27", to: "2026-03-02", previousFrom: "2026-02-23", previousTo: "2026-02-26", days: 4 });
  });

  it("validates the query", () => {
    expect(periodOf(dashboardQuery.parse({}))).toEqual({ preset: "7d" });
    expect(periodOf(dashboardQuery.parse({ from: "2026-11-01", to: "2026-11-30" }))).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(dashboardQuery.safeParse({ from: "2026-11-31", to: "2026-12-01" }).success).toBe(false);
    expect(dashboardQuery.safeParse({ from: "2026-11-05", to: "2026-11-01" }).success).toBe(false);
    expect(dashboardQuery.safeParse({ from: "2026-11-05" }).success).toBe(false);
    expect(dashboardQuery.safeParse({ range: "1y" }).success).toBe(false);
  });
});

describe("KPI arithmetic", () => {
  it("change against the previous period, average ticket", () => {
    expect(change(150, 100)).toBe(0.5);
    expect(change(50, 100)).toBe(-0.5);
    expect(change(0, 0)).toBe(0);
    expect(change(10, 0)).toBeNull();
    expect(averageTicket(1001, 2)).toBe(501);
    expect(averageTicket(0, 0)).toBe(0);
  });

  it("days of cover and low-stock flags", () => {
    expect(daysOfCover(1400, 1400, 14)).toBe(14);
    expect(daysOfCover(100, 0, 14)).toBeNull();
    expect(daysOfCover(-5, 10, 1)).toBe(0);
    expect(isLowStock(50, 100, 40)).toBe(true);
    expect(isLowStock(500, 100, 2.5)).toBe(true);
    expect(isLowStock(500, 100, null)).toBe(false);
  });
});
