import { describe, expect, it } from "vitest";
import { AGE_LATE_MS, AGE_WARN_MS, ageLevel, formatAge } from "./labels";

describe("ticket age", () => {
  it("reads as mm:ss", () => {
    expect(formatAge(0)).toBe("00:00");
    expect(formatAge(245_900)).toBe("04:05");
    expect(formatAge(75 * 60_000 + 12_000)).toBe("75:12");
    expect(formatAge(-5_000)).toBe("00:00");
  });

  it("changes colour at the thresholds", () => {
    expect(ageLevel(AGE_WARN_MS - 1)).toBe("ok");
    expect(ageLevel(AGE_WARN_MS)).toBe("warn");
    expect(ageLevel(AGE_LATE_MS)).toBe("late");
  });
});
