import { describe, expect, it } from "vitest";
import { shopDayTime, shopTime } from "./local-time";

describe("a moment in the shop's timezone", () => {
  it("is 24-hour time, with the weekday when asked", () => {
    const at = new Date("2026-12-04T21:05:00Z"); // a Friday in UTC, Saturday morning in Tokyo
    expect(shopTime(at, "Europe/Kyiv")).toBe("23:05");
    expect(shopDayTime(at, "Europe/Kyiv")).toBe("Fri 23:05");
    expect(shopDayTime(at.getTime(), "Asia/Tokyo")).toBe("Sat 06:05");
  });
});
