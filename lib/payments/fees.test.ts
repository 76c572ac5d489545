import { describe, expect, it } from "vitest";
import { feeCents, GAS } from "./fees";

describe("feeCents", () => {
  it("prices gas at the native coin's USD rate, rounded up to a cent", () => {
    // 70,000 gas at 20 gwei = 0.0014 ETH; at $3,000 = $4.20
    expect(feeCents(GAS.payToken, 20_000_000_000n, { answer: 3000n * 10n ** 8n, decimals: 8 })).toBe(420);
    // 45,000 gas at 0.01 gwei on an L2 = 0.00000045 ETH = $0.00135: shown as 1 cent
    expect(feeCents(GAS.payNative, 10_000_000n, { answer: 3000n * 10n ** 8n, decimals: 8 })).toBe(1);
    expect(feeCents(0n, 10n, { answer: 1n, decimals: 8 })).toBe(0);
  });
});
