import { describe, expect, it } from "vitest";
import { formatDelta, formatMoney, parseCents } from "./money";

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
});
