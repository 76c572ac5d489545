import { describe, expect, it } from "vitest";
import { formatDelta, formatMoney, parseCents, parsePercentBps, parseSignedCents } from "./money";

describe("money", () => {
  it("formats cents", () => {
    expect(formatMoney(495)).toBe("$4.95");
    expect(formatDelta(-70)).toBe("−$0.70");
    expect(formatDelta(0)).toBe("");
  });

  it.each([
    ["4.75", 475],
    ["$4.5", 450],
    [" 12 ", 1200],
    ["0.05", 5],
    ["0", 0],
  ])("parses %j as %i cents", (text, cents) => {
    expect(parseCents(text)).toBe(cents);
  });

  it.each(["", "abc", "4.755", "-1", "1e3", "4,50", "1.2.3", "9999999"])("refuses %j", (text) => {
    expect(parseCents(text)).toBeNull();
  });

  it("parses signed differences and percentages", () => {
    expect(parseSignedCents("0.70")).toBe(70);
    expect(parseSignedCents("-0.5")).toBe(-50);
    expect(parseSignedCents("−$1")).toBe(-100);
    expect(parseSignedCents("--1")).toBeNull();
    expect(parsePercentBps("8.88")).toBe(888);
    expect(parsePercentBps("10%")).toBe(1000);
    expect(parsePercentBps("8.875")).toBeNull();
    expect(parsePercentBps("abc")).toBeNull();
  });
});
