import { describe, expect, it } from "vitest";
import { BOUNDS, BUCKETS, bucketOf, emptyHistogram, mergeHistograms, percentile } from "./histogram";

describe("duration histograms", () => {
  it("puts durations in [lower, upper) buckets, with an open top bucket", () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(14)).toBe(0);
    expect(bucketOf(15)).toBe(1);
    expect(bucketOf(299)).toBe(19);
    expect(bucketOf(300)).toBe(20);
    expect(bucketOf(99_999)).toBe(BUCKETS - 1);
    expect(BOUNDS.every((b, i) => i === 0 || b > BOUNDS[i - 1]!)).toBe(true);
  });

  it("merges by adding counts and answers percentiles, null when empty", () => {
    const a = emptyHistogram();
    const b = emptyHistogram();
    a[bucketOf(100)]! += 3; // [90, 105)
    b[bucketOf(400)]! += 1; // [390, 420)
    const merged = mergeHistograms(emptyHistogram(), a);
    mergeHistograms(merged, b);
    expect(merged.reduce((x, y) => x + y, 0)).toBe(4);
    expect(percentile(merged, 50)).toBe(100); // 2 of 3 into [90, 105)
    expect(percentile(merged, 100)).toBe(420);
    expect(percentile(emptyHistogram(), 50)).toBeNull();
    const top = emptyHistogram();
    top[BUCKETS - 1] = 1;
    expect(percentile(top, 95)).toBe(BOUNDS[BOUNDS.length - 1]);
  });
});
