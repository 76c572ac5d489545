import { describe, expect, it } from "vitest";
import { paymentDelta, paymentFact, type PaymentSnapshot } from "./payments";

const base: PaymentSnapshot = {
  paymentId: "0xabc:1",
  shopId: "00000000-0000-7000-8000-0000000000aa",
  timezone: "America/Los_Angeles",
  status: "SETTLED",
  chainId: 31337,
  token: "USDC",
  amountBaseUnits: 4_950_000n,
  valueCents: 495,
  settledAt: new Date("2026-11-26T06:00:00Z"),
};

describe("payment rollups", () => {
  it("count settled payments on the shop's local settlement date, per chain and token", () => {
    expect(paymentFact(base)).toEqual({ day: "2026-11-25", chainId: 31337, token: "USDC", amountBaseUnits: "4950000", valueCents: 495, refunded: false });
    expect(paymentFact({ ...base, status: "PROCESSING" })).toBeNull();
  });

  it("a refund keeps the payment and adds the refunded amount; the same state twice adds nothing", () => {
    const settled = paymentFact(base);
    const refunded = paymentFact({ ...base, status: "REFUNDED" });
    expect(paymentDelta(null, settled)).toEqual([{ day: "2026-11-25", chainId: 31337, token: "USDC", payments: 1, amount: 4_950_000n, valueCents: 495, refunds: 0, refunded: 0n }]);
    expect(paymentDelta(settled, refunded)).toEqual([{ day: "2026-11-25", chainId: 31337, token: "USDC", payments: 0, amount: 0n, valueCents: 0, refunds: 1, refunded: 4_950_000n }]);
    expect(paymentDelta(refunded, refunded)).toEqual([]);
    // Amounts beyond 64 bits stay exact.
    const whale = paymentFact({ ...base, token: "ETH", amountBaseUnits: 2n ** 70n });
    expect(paymentDelta(null, whale)[0]?.amount).toBe(2n ** 70n);
  });
});
