import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { keyedThrottle } from "./throttle";

describe("keyedThrottle", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs the first call of a key at once, and each key on its own", () => {
    const later = vi.fn();
    const t = keyedThrottle<string>(5_000, later);
    expect(t.take("shop-a", "e1")).toBe(true);
    expect(t.take("shop-b", "e2")).toBe(true);
    expect(later).not.toHaveBeenCalled();
  });

  it("folds a burst inside the interval into one trailing run with the newest argument, at the interval's end", () => {
    const later = vi.fn();
    const t = keyedThrottle<string>(5_000, later);
    t.take("shop-a", "e1");
    vi.advanceTimersByTime(1_000);
    expect(t.take("shop-a", "e2")).toBe(false);
    expect(t.take("shop-a", "e3")).toBe(false);
    vi.advanceTimersByTime(3_999);
    expect(later).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(later).toHaveBeenCalledOnce();
    expect(later).toHaveBeenCalledWith("shop-a", "e3");
  });

  it("counts the trailing run as the key's last run, and runs at once again after a quiet interval", () => {
    const later = vi.fn();
    const t = keyedThrottle<string>(5_000, later);
    t.take("shop-a", "e1");
    vi.advanceTimersByTime(1_000);
    t.take("shop-a", "e2");
    vi.advanceTimersByTime(4_000); // trailing run at 5 s
    vi.advanceTimersByTime(2_000);
    expect(t.take("shop-a", "e3")).toBe(false); // 2 s after the trailing run: waits
    vi.advanceTimersByTime(3_000);
    expect(later).toHaveBeenLastCalledWith("shop-a", "e3");
    vi.advanceTimersByTime(5_000);
    expect(t.take("shop-a", "e4")).toBe(true);
  });

  it("stop drops what is not yet due", () => {
    const later = vi.fn();
    const t = keyedThrottle<string>(5_000, later);
    t.take("shop-a", "e1");
    t.take("shop-a", "e2");
    t.stop();
    vi.advanceTimersByTime(10_000);
    expect(later).not.toHaveBeenCalled();
  });
});

describe("keyedThrottle.deferIfBusy (asked before a transaction)", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("leaves a key free to run now as it was: the next take still runs it", () => {
    const later = vi.fn();
    const t = keyedThrottle<string>(5_000, later);
    expect(t.deferIfBusy("shop-a", "e1")).toBe(false);
    expect(t.deferIfBusy("shop-a", "e2")).toBe(false);
    expect(t.take("shop-a", "e2")).toBe(true);
    vi.advanceTimersByTime(10_000);
    expect(later).not.toHaveBeenCalled();
  });

  it("hands a key inside its interval to the one trailing run, with the newest argument, whichever of the two asked", () => {
    const later = vi.fn();
    const t = keyedThrottle<string>(5_000, later);
    t.take("shop-a", "e1");
    vi.advanceTimersByTime(1_000);
    expect(t.deferIfBusy("shop-a", "e2")).toBe(true);
    expect(t.take("shop-a", "e3")).toBe(false);
    expect(t.deferIfBusy("shop-a", "e4")).toBe(true);
    expect(t.deferIfBusy("shop-b", "e5")).toBe(false); // another key: free
    vi.advanceTimersByTime(4_000);
    expect(later).toHaveBeenCalledOnce();
    expect(later).toHaveBeenCalledWith("shop-a", "e4");
    // The trailing run counts as the last run: asked again at once, the key is busy again.
    expect(t.deferIfBusy("shop-a", "e6")).toBe(true);
  });
});
