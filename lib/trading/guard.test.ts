import { describe, expect, it } from "vitest";
import { checkTrade, type GuardLimits, type TradeIntent } from "./guard";

const limits: GuardLimits = { killSwitch: false, maxTradeUsdCents: 1_000_000, maxSlippageBps: 50, dailyLossLimitUsdCents: 10_000, allowedTokens: ["0xaa", "0xbb"], allowedPools: ["0xp1", "0xp2"] };
const intent: TradeIntent = { tokens: ["0xAA", "0xbb"], pools: ["0xp1", "0xP2"], sizeUsdCents: 500_000, slippageBps: 30, expectedPnlUsdCents: 1_000 };

describe("treasury guard", () => {
  it("lets an allowlisted trade within every limit through (addresses in any case)", () => {
    expect(checkTrade(limits, intent, 0)).toEqual({ ok: true });
  });
  it.each([
    ["KILL_SWITCH", { ...limits, killSwitch: true }, intent, 0],
    ["TOKEN_NOT_ALLOWED", limits, { ...intent, tokens: ["0xaa", "0xcc"] }, 0],
    ["POOL_NOT_ALLOWED", limits, { ...intent, pools: ["0xp3"] }, 0],
    ["OVERSIZE", limits, { ...intent, sizeUsdCents: 1_000_001 }, 0],
    ["SLIPPAGE", limits, { ...intent, slippageBps: 51 }, 0],
    ["DAILY_LOSS_LIMIT", limits, intent, -10_001],
    ["DAILY_LOSS_LIMIT", limits, { ...intent, expectedPnlUsdCents: -2_000 }, -9_000],
  ] as const)("refuses with %s", (reason, l, i, today) => {
    const verdict = checkTrade(l, i, today);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) {
      expect(verdict.reason).toBe(reason);
      expect(verdict.detail.length).toBeGreaterThan(5);
    }
  });
  it("allows a day exactly at the loss limit", () => {
    expect(checkTrade(limits, intent, -10_000).ok).toBe(true);
  });
});
