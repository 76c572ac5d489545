import { describe, expect, it } from "vitest";
import { localStables, stableRoute } from "@/lib/defi/venues";
import { usdcPerTokenAt } from "@/lib/defi/uniswap-v3/math";
import { sqrtPriceX96Of } from "@/scripts/chain/fee-tier-pools";
import { botInput } from "./bots";
import { checkTrade, type GuardLimits } from "./guard";
import { fromUsdc, parseStableMix, stableMixSwap, stableShares, stableSwapPnlUsdc, usdcOf, withPaperFills, type StableBook } from "./stable-mix";

const usd6 = (dollars: number) => BigInt(dollars) * 10n ** 6n;
const dai = (dollars: number) => BigInt(dollars) * 10n ** 18n;
const book = (usdc: number, usdt: number, d: number): StableBook => ({ USDC: usd6(usdc), USDT: usd6(usdt), DAI: dai(d) });
const target = { USDC: 6000, USDT: 2000, DAI: 2000 };

describe("stablecoin amounts at $1", () => {
  it("converts 6- and 18-decimal amounts to USDC base units and back", () => {
    expect(usdcOf(dai(5), 18)).toBe(usd6(5));
    expect(usdcOf(123n, 6)).toBe(123n);
    expect(usdcOf(10n ** 12n - 1n, 18)).toBe(0n); // under a USDC base unit: rounded down
    expect(fromUsdc(usd6(5), 18)).toBe(dai(5));
    expect(fromUsdc(7n, 6)).toBe(7n);
  });
  it("shares each coin of the book in bps, DAI's 18 decimals counted as dollars", () => {
    expect(stableShares(book(6000, 2000, 2000))).toEqual({ USDC: 6000, USDT: 2000, DAI: 2000 });
    expect(stableShares(book(0, 0, 0))).toBeNull();
  });
});

describe("the stablecoin-mix decision", () => {
  it("does nothing while every coin is within target ± band", () => {
    expect(stableMixSwap(book(6000, 2000, 2000), { target, bandBps: 200, maxTradeUsdCents: 1_000_000 })).toBeNull();
    expect(stableMixSwap(book(6150, 1900, 1950), { target, bandBps: 200, maxTradeUsdCents: 1_000_000 })).toBeNull(); // 61.5 / 19 / 19.5
  });
  it("sells the coin most over its target for the one most under, the smaller of excess and shortfall", () => {
    // 10,000 in all: USDC 80 % (+20), USDT 15 % (−5), DAI 5 % (−15): USDC → DAI, $1,500 (DAI's shortfall).
    const s = stableMixSwap(book(8000, 1500, 500), { target, bandBps: 200, maxTradeUsdCents: 1_000_000 });
    expect(s).toEqual({ from: "USDC", to: "DAI", amountIn: usd6(1500), usdCents: 150_000, sharesBps: { USDC: 8000, USDT: 1500, DAI: 500 } });
  });
  it("caps the swap at the bot's max trade, in the sold coin's own decimals", () => {
    // DAI 50 % (+30), USDC 30 % (−30): DAI → USDC, wanted $3,000, capped at $500 = 500·10^18 DAI base units.
    const s = stableMixSwap(book(3000, 2000, 5000), { target, bandBps: 100, maxTradeUsdCents: 50_000 });
    expect(s).toMatchObject({ from: "DAI", to: "USDC", amountIn: dai(500), usdCents: 50_000 });
  });
  it("swaps between USDT and DAI when they are the extremes (the route goes through USDC)", () => {
    const s = stableMixSwap(book(6000, 3500, 500), { target, bandBps: 200, maxTradeUsdCents: 1_000_000 });
    expect(s).toMatchObject({ from: "USDT", to: "DAI", amountIn: usd6(1500) });
    const v = localStables();
    const route = stableRoute(v, "USDT", "DAI");
    expect(route.pools.map((p) => p.other)).toEqual(["USDT", "DAI"]);
    expect(route.tokens).toEqual([v.stables.USDT.address, v.stables.USDC.address, v.stables.DAI.address]);
    // packed path: 20-byte token, 3-byte fee (100 = 0x000064), 20-byte token, …
    expect(route.path.toLowerCase()).toBe(`0x${v.stables.USDT.address.slice(2)}000064${v.stables.USDC.address.slice(2)}000064${v.stables.DAI.address.slice(2)}`.toLowerCase());
    expect(stableRoute(v, "USDC", "DAI").pools).toHaveLength(1);
  });
  it("never sells more than the book holds, nor from an empty book", () => {
    expect(stableMixSwap(book(0, 0, 0), { target, bandBps: 100, maxTradeUsdCents: 1_000_000 })).toBeNull();
    const s = stableMixSwap(book(100, 0, 0), { target: { USDC: 0, USDT: 50_00, DAI: 50_00 }, bandBps: 100, maxTradeUsdCents: 1_000_000 });
    expect(s).toMatchObject({ from: "USDC", to: "USDT", amountIn: usd6(50) });
  });
  it("a paper book moves by the bot's paper fills, never below zero", () => {
    const v = localStables();
    const moved = withPaperFills(book(1000, 0, 0), v, [{ token_in: v.stables.USDC.address.toLowerCase(), token_out: v.stables.DAI.address, amount_in: usd6(400).toString(), amount_out: (dai(400) - 10n ** 15n).toString() }]);
    expect(moved).toEqual({ USDC: usd6(600), USDT: 0n, DAI: dai(400) - 10n ** 15n });
    expect(withPaperFills(book(10, 0, 0), v, [{ token_in: v.stables.USDC.address, token_out: v.stables.USDT.address, amount_in: usd6(20).toString(), amount_out: "0" }]).USDC).toBe(0n);
  });
  it("a stablecoin swap's P&L is what came out less what went in at $1, less gas", () => {
    expect(stableSwapPnlUsdc({ amountIn: usd6(1000), decimalsIn: 6, amountOut: dai(1000) - dai(1) / 10n, decimalsOut: 18 }, 20_000n)).toBe(-100_000n - 20_000n);
  });
  it("reads a stored mix only when it adds up to 100 %", () => {
    expect(parseStableMix({ USDC: 6000, USDT: 2000, DAI: 2000 })).toEqual(target);
    expect(parseStableMix({ USDC: 6000, USDT: 2000, DAI: 1000 })).toBeNull();
    expect(parseStableMix(null)).toBeNull();
  });
});

describe("a stablecoin pool's mid", () => {
  it("is 1,000,000 USDC base units per whole coin at the peg, whichever token is token0 and whatever its decimals", () => {
    // USDC (token0, 6) / DAI (token1, 18): 1 USDC = 10^6 base units against 10^18.
    expect(usdcPerTokenAt({ sqrtPriceX96: sqrtPriceX96Of(10n ** 6n, 10n ** 18n), token0IsBase: false, baseDecimals: 18 })).toBe(1_000_000n);
    // DAI as token0.
    const p = usdcPerTokenAt({ sqrtPriceX96: sqrtPriceX96Of(10n ** 18n, 10n ** 6n), token0IsBase: true, baseDecimals: 18 });
    expect(Number(p)).toBeCloseTo(1_000_000, -1);
    // USDT at 0.98 in a USDC/USDT pool (USDT token1): 1 USDC buys 1/0.98 USDT.
    const off = usdcPerTokenAt({ sqrtPriceX96: sqrtPriceX96Of(980_000n, 1_000_000n), token0IsBase: false, baseDecimals: 6 });
    expect(Number(off)).toBeCloseTo(980_000, -1);
  });
});

describe("the guard on a stablecoin swap", () => {
  const limits: GuardLimits = { killSwitch: false, maxTradeUsdCents: 1_000_000, maxSlippageBps: 50, dailyLossLimitUsdCents: 10_000, allowedTokens: ["0xa", "0xb"], allowedPools: ["0xp"], maxOracleDeviationBps: 1500, oracleMaxAgeSeconds: 3600, maxPegDeviationBps: 200, stablecoinMaxAgeSeconds: 86_400 };
  const trade = (poolBps: number) => ({ tokens: ["0xa", "0xb"], pools: ["0xp"], sizeUsdCents: 50_000, slippageBps: 10, expectedPnlUsdCents: -10, oracle: { ageSeconds: 0, pools: [{ pool: "0xp", deviationBps: poolBps }], pegs: [{ token: "DAI", deviationBps: 0, ageSeconds: 60 }, { token: "DAI", deviationBps: poolBps, ageSeconds: 0, source: "in the USDC/DAI pool 0xp" }] } });
  it("refuses a pool quoting its coin off $1 past the depeg limit, saying where", () => {
    expect(checkTrade(limits, trade(-350), 0)).toEqual({ ok: false, reason: "STABLECOIN_DEPEG", detail: "DAI is -350 bps from $1 in the USDC/DAI pool 0xp, past the 200 bps limit" });
    expect(checkTrade(limits, trade(-150), 0)).toEqual({ ok: true });
  });
});

describe("a stablecoin-mix bot's form", () => {
  it("keeps the three shares, which must add up to 100 %", () => {
    const ok = botInput.safeParse({ strategy: "stable-mix", name: "stables", usdcPercent: "60", usdtPercent: "20", daiPercent: "20", bandPercent: "2", everyMinutes: "60", maxTradeUsd: "1000" });
    expect(ok.success).toBe(true);
    const bad = botInput.safeParse({ strategy: "stable-mix", name: "stables", usdcPercent: "60", usdtPercent: "20", daiPercent: "30", bandPercent: "2", everyMinutes: "60", maxTradeUsd: "1000" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.message)).toContain("The USDC, USDT and DAI shares must add up to 100 %");
  });
});
