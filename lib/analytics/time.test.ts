import { describe, expect, it } from "vitest";
import { fromLocalMinute, localMinute } from "./time";
describe("local wall-clock minutes", () => {
  const LA = "America/Los_Angeles";
  it("names the instant a shop's wall clock shows, and back", () => {
    expect(fromLocalMinute("2026-12-10T16:30", LA)).toEqual(new Date("2026-12-11T00:30:00Z")); // PST, UTC−8
    expect(fromLocalMinute("2026-07-10T16:30", LA)).toEqual(new Date("2026-07-10T23:30:00Z")); // PDT, UTC−7
    expect(localMinute(new Date("2026-12-11T00:30:00Z"), LA)).toBe("2026-12-10T16:30");
    expect(fromLocalMinute("2026-12-10T16:30", "Asia/Tokyo")).toEqual(new Date("2026-12-10T07:30:00Z"));
  });
  it("settles DST edges: a skipped time an hour later, a repeated one at its first occurrence", () => {
    expect(fromLocalMinute("2026-03-08T02:30", LA)).toEqual(new Date("2026-03-08T10:30:00Z")); // = 03:30 PDT
    expect(fromLocalMinute("2026-11-01T01:30", LA)).toEqual(new Date("2026-11-01T08:30:00Z")); // the PDT one
  });
  it("refuses what is not a wall-clock minute", () => {
    for (const bad of ["2026-02-30T10:00", "2026-12-10T24:00", "2026-12-10 16:30", "tomorrow", "2026-12-10T16:30:00"]) expect(fromLocalMinute(bad, LA)).toBeNull();
  });
});
