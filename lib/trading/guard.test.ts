import { describe, expect, it } from "vitest";
import { checkTrade, type GuardLimits, type TradeIntent } from "./guard";

const limits: GuardLimits = { killSwitch: false, maxTradeUsdCents: 1_000_000, maxSlippageBps: 50, dailyLossLimitUsdCents: 10_000, allowedTokens: ["0xaa", "0xbb"], allowedPools: ["0xp1", "0xp2"], maxOracleDeviationBps: 300, oracleMaxAgeSeconds: 3600, maxPegDeviationBps: 200, stablecoinMaxAgeSeconds: 86_400 };
const intent: TradeIntent = { tokens: ["0xAA", "0xbb"], pools: ["0xp1", "0xP2"], sizeUsdCents: 500_000, slippageBps: 30, expectedPnlUsdCents: 1_000, oracle: { ageSeconds: 60, pools: [{ pool: "0xp1", deviationBps: -120 }, { pool: "0xp2", deviationBps: 250 }], pegs: [{ token: "USDC", deviationBps: -15, ageSeconds: 600 }] } };

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
    ["ORACLE_STALE", limits, { ...intent, oracle: { ...intent.oracle, ageSeconds: 3601 } }, 0],
    ["ORACLE_DEVIATION", limits, { ...intent, oracle: { ...intent.oracle, pools: [{ pool: "0xp1", deviationBps: 301 }] } }, 0],
    ["ORACLE_DEVIATION", limits, { ...intent, oracle: { ...intent.oracle, pools: [{ pool: "0xp1", deviationBps: 0 }, { pool: "0xp2", deviationBps: -301 }] } }, 0],
    ["ORACLE_STALE", limits, { ...intent, oracle: { ...intent.oracle, pegs: [{ token: "USDC", deviationBps: 0, ageSeconds: 86_401 }] } }, 0],
    ["STABLECOIN_DEPEG", limits, { ...intent, oracle: { ...intent.oracle, pegs: [{ token: "USDC", deviationBps: -201, ageSeconds: 0 }] } }, 0],
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
  it("allows pools exactly at the deviation limit and an oracle exactly at its age limit", () => {
    expect(checkTrade(limits, { ...intent, oracle: { ageSeconds: 3600, pools: [{ pool: "0xp1", deviationBps: 300 }, { pool: "0xp2", deviationBps: -300 }], pegs: [{ token: "USDC", deviationBps: -200, ageSeconds: 86_400 }] } }, 0)).toEqual({ ok: true });
  });
  it("judges each feed by its own age limit: USDC/USD hours old is fresh, ETH/USD that old is stale", () => {
    expect(checkTrade(limits, { ...intent, oracle: { ...intent.oracle, ageSeconds: 60, pegs: [{ token: "USDC", deviationBps: 0, ageSeconds: 7_200 }] } }, 0)).toEqual({ ok: true });
    expect(checkTrade(limits, { ...intent, oracle: { ...intent.oracle, ageSeconds: 7_200, pegs: [{ token: "USDC", deviationBps: 0, ageSeconds: 60 }] } }, 0)).toMatchObject({ ok: false, reason: "ORACLE_STALE" });
    expect(checkTrade({ ...limits, stablecoinMaxAgeSeconds: 3_600 }, { ...intent, oracle: { ...intent.oracle, ageSeconds: 60, pegs: [{ token: "USDC", deviationBps: 0, ageSeconds: 7_200 }] } }, 0)).toEqual({ ok: false, reason: "ORACLE_STALE", detail: "the USDC/USD oracle is 7200 s old, over the 3600 s limit" });
  });
  it("a stale oracle is the reason even when a pool also deviates (its deviation means nothing then)", () => {
    const verdict = checkTrade(limits, { ...intent, oracle: { ageSeconds: 7200, pools: [{ pool: "0xp1", deviationBps: 5000 }], pegs: [] } }, 0);
    expect(verdict).toMatchObject({ ok: false, reason: "ORACLE_STALE" });
    if (!verdict.ok) expect(verdict.detail).toContain("7200 s old");
  });
  it("a stale USDC/USD answer refuses the trade, naming that feed, even at exactly $1 or past the depeg limit (its old answer hides a depeg)", () => {
    for (const deviationBps of [0, -500]) {
      const verdict = checkTrade(limits, { ...intent, oracle: { ...intent.oracle, ageSeconds: 0, pegs: [{ token: "USDC", deviationBps, ageSeconds: 90_000 }] } }, 0);
      expect(verdict).toEqual({ ok: false, reason: "ORACLE_STALE", detail: "the USDC/USD oracle is 90000 s old, over the 86400 s limit" });
    }
  });
  it("a stale ETH/USD answer is named first when both feeds are stale", () => {
    const verdict = checkTrade(limits, { ...intent, oracle: { ...intent.oracle, ageSeconds: 4000, pegs: [{ token: "USDC", deviationBps: 0, ageSeconds: 90_000 }] } }, 0);
    expect(verdict).toEqual({ ok: false, reason: "ORACLE_STALE", detail: "the ETH/USD oracle is 4000 s old, over the 3600 s limit" });
  });
  it("names the deviating pool and its signed deviation", () => {
    const verdict = checkTrade(limits, { ...intent, oracle: { ageSeconds: 0, pools: [{ pool: "0xp2", deviationBps: -950 }], pegs: [] } }, 0);
    expect(verdict).toEqual({ ok: false, reason: "ORACLE_DEVIATION", detail: "pool 0xp2 is -950 bps from the oracle, past the 300 bps limit" });
  });
  it("a depeg is the reason before a pool's deviation (the pools are priced in the stablecoin), and says by how much", () => {
    const verdict = checkTrade(limits, { ...intent, oracle: { ageSeconds: 0, pools: [{ pool: "0xp1", deviationBps: 900 }], pegs: [{ token: "USDC", deviationBps: -500, ageSeconds: 0 }] } }, 0);
    expect(verdict).toEqual({ ok: false, reason: "STABLECOIN_DEPEG", detail: "USDC is -500 bps from $1 on its feed, past the 200 bps limit" });
  });
  it("allows a day exactly at the loss limit", () => {
    expect(checkTrade(limits, intent, -10_000).ok).toBe(true);
  });
});
