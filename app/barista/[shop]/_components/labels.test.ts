import { describe, expect, it } from "vitest";
import { AGE_LATE_MS, AGE_WARN_MS, ageLevel, formatAge, paymentBadge } from "./labels";

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

describe("payment badge", () => {
  const crypto = (status: "NEW" | "PROCESSING" | "SETTLED" | "EXPIRED" | "INVALID" | "REFUNDED", fastLane = false) => paymentBadge({ paymentMethod: "CRYPTO", payment: { status, fastLane } });

  it("tells paid, fast lane still confirming, and undone payments apart", () => {
    expect(paymentBadge({ paymentMethod: "PAY_AT_PICKUP", payment: null })).toEqual({ label: "Pay at pickup", tone: "pickup" });
    expect(crypto("SETTLED")).toEqual({ label: "Paid · crypto", tone: "paid" });
    expect(crypto("SETTLED", true)).toEqual({ label: "Paid · crypto", tone: "paid" });
    expect(crypto("PROCESSING", true)).toEqual({ label: "Fast lane · payment confirming", tone: "confirming" });
    expect(crypto("NEW", true)).toEqual({ label: "Payment undone · collect at counter", tone: "alert" });
    // Settled, then a reorganisation took the payment away: the ticket says so too.
    expect(crypto("NEW", false)).toEqual({ label: "Payment undone · collect at counter", tone: "alert" });
    expect(crypto("EXPIRED", true).tone).toBe("alert");
    expect(crypto("REFUNDED")).toEqual({ label: "Refunded", tone: "alert" });
  });
});
