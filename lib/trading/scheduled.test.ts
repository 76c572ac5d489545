import { describe, expect, it } from "vitest";
import { botInput } from "./bots";
import { rebalanceSwap, usdcShareBps } from "./rebalance";
import { periodOf } from "./scheduled";
import { betterVenue, saleAgainstFeedUsdc, swapPnlUsdc, wethForUsdCents } from "./swap";

describe("a scheduled bot's period", () => {
  it("puts moments in the same period until the interval has passed", () => {
    const hour = 3600;
    const a = periodOf(new Date("2026-12-04T10:00:00Z"), hour);
    expect(periodOf(new Date("2026-12-04T10:59:59.999Z"), hour)).toBe(a);
    expect(periodOf(new Date("2026-12-04T11:00:00Z"), hour)).toBe(a + 1n);
    expect(periodOf(new Date("2026-12-05T10:00:00Z"), hour)).toBe(a + 24n);
  });
  it("refuses an interval that is not a positive whole number of seconds", () => {
    expect(() => periodOf(new Date(), 0)).toThrow(RangeError);
    expect(() => periodOf(new Date(), 1.5)).toThrow(RangeError);
  });
});

describe("a scheduled swap's venue", () => {
  it("buys where more WETH comes out; Uniswap V3 on a tie", () => {
    expect(betterVenue(10n, 11n)).toBe("uniswap-v2");
    expect(betterVenue(11n, 10n)).toBe("uniswap-v3");
    expect(betterVenue(10n, 10n)).toBe("uniswap-v3");
  });
});

describe("a DCA sale", () => {
  const eth = 10n ** 18n;
  const at3000 = 3_000_000_000n; // USDC base units per whole ETH
  it("sells the WETH worth its USD amount at the feed, rounded down", () => {
    expect(wethForUsdCents(25_000, at3000)).toBe(eth / 12n); // $250 at $3,000 = 0.08333… WETH
    expect(wethForUsdCents(300_000, at3000)).toBe(eth);
    expect(wethForUsdCents(100, 3_000_000_001n)).toBe(333_333_333_222_222n); // never more WETH than the amount is worth
  });
  it("counts the USDC it fetched against the WETH sold at the feed, less gas; a buy (or a rebalancer's sale) only its gas", () => {
    expect(saleAgainstFeedUsdc(eth, 2_990_000_000n, at3000)).toBe(-10_000_000n); // $10 under the feed: fee and impact
    expect(saleAgainstFeedUsdc(eth, 3_005_000_000n, at3000)).toBe(5_000_000n); // a pool above the feed
    const sale = { amountIn: eth, amountOut: 2_990_000_000n, ethUsd: 300_000_000_000n, ethUsdDecimals: 8 };
    expect(swapPnlUsdc(sale, 250_000n, true)).toBe(-10_250_000n);
    expect(swapPnlUsdc(sale, 250_000n)).toBe(-250_000n);
  });
});

describe("a new bot's settings", () => {
  it("takes an arbitrage bot with its maximum, and a DCA bot with its amount and interval", () => {
    expect(botInput.parse({ strategy: "cross-venue-arbitrage", name: "arb-1", maxTradeUsd: "5000" })).toEqual({ strategy: "cross-venue-arbitrage", name: "arb-1", mode: "PAPER", maxTradeUsd: 5000 });
    expect(botInput.parse({ strategy: "dca", name: "dca-1", mode: "LIVE", dcaAmountUsd: "250", everyMinutes: "60" })).toEqual({ strategy: "dca", name: "dca-1", mode: "LIVE", dcaSide: "buy", dcaAmountUsd: 250, everyMinutes: 60 });
    expect(botInput.parse({ strategy: "dca", name: "dca-2", dcaSide: "sell", dcaAmountUsd: "250", everyMinutes: "60" })).toMatchObject({ dcaSide: "sell", dcaAmountUsd: 250 });
    expect(botInput.parse({ strategy: "rebalance", name: "keep-70", targetUsdcPercent: "70", bandPercent: "5", everyMinutes: "60", maxTradeUsd: "5000" })).toEqual({ strategy: "rebalance", name: "keep-70", mode: "PAPER", targetUsdcPercent: 70, bandPercent: 5, everyMinutes: 60, maxTradeUsd: 5000 });
  });
  it("refuses what a DCA bot cannot run with, saying why", () => {
    const refused = (input: object) => botInput.safeParse({ strategy: "dca", name: "dca-1", dcaAmountUsd: "100", everyMinutes: "60", ...input }).error?.issues[0]?.message;
    expect(refused({ dcaAmountUsd: "5" })).toBe("Each swap: at least $10");
    expect(refused({ dcaAmountUsd: "10.5" })).toBe("Each swap: whole dollars");
    expect(refused({ dcaSide: "hold" })).toBe("Direction: buy or sell WETH");
    expect(refused({ everyMinutes: "0" })).toBe("Every: at least 1 minute");
    expect(refused({ everyMinutes: "20000" })).toBe("Every: at most a week (10,080 minutes)");
    expect(refused({ everyMinutes: "soon" })).toBe("Every: whole minutes");
    expect(botInput.safeParse({ strategy: "grid", name: "g-1" }).error?.issues[0]?.message).toBe("Choose a strategy");
    const rebalance = (input: object) => botInput.safeParse({ strategy: "rebalance", name: "keep-70", targetUsdcPercent: "70", bandPercent: "5", everyMinutes: "60", maxTradeUsd: "5000", ...input }).error?.issues[0]?.message;
    expect(rebalance({ targetUsdcPercent: "101" })).toBe("Target USDC share: at most 100 %");
    expect(rebalance({ bandPercent: "0" })).toBe("Band: at least 1 %");
    expect(rebalance({ maxTradeUsd: "" })).toBe("Max trade: at least $10");
  });
});

describe("rebalancing", () => {
  const eth = 10n ** 18n;
  const usdc = (dollars: number) => BigInt(dollars) * 10n ** 6n;
  const at3000 = usdc(3000);
  const settings = { targetUsdcBps: 7_000, bandBps: 500, maxTradeUsdc: usdc(100_000) };

  it("measures the USDC share with WETH at the feed", () => {
    expect(usdcShareBps({ usdc: usdc(3000), weth: eth }, at3000)).toBe(5_000);
    expect(usdcShareBps({ usdc: 0n, weth: 0n }, at3000)).toBeNull();
  });
  it("does nothing inside target ± band", () => {
    expect(rebalanceSwap({ usdc: usdc(7_400), weth: eth }, at3000, settings)).toBeNull(); // 71.2 %
    expect(rebalanceSwap({ usdc: usdc(6_000), weth: eth }, at3000, settings)).toBeNull(); // 66.7 %
    expect(rebalanceSwap({ usdc: 0n, weth: 0n }, at3000, settings)).toBeNull();
  });
  it("sells the WETH that brings a low USDC share back to the target", () => {
    // $3,000 USDC + 3 WETH ($9,000): 25 % USDC; the target's $8,400 needs $5,400 more = 1.8 WETH
    expect(rebalanceSwap({ usdc: usdc(3_000), weth: 3n * eth }, at3000, settings)).toEqual({ side: "sell", amountIn: (18n * eth) / 10n });
  });
  it("buys WETH with what a high USDC share holds over the target", () => {
    // $10,000 USDC, no WETH: 100 %; keep $7,000, spend $3,000
    expect(rebalanceSwap({ usdc: usdc(10_000), weth: 0n }, at3000, settings)).toEqual({ side: "buy", amountIn: usdc(3_000) });
  });
  it("trades at most the bot's max trade at a time", () => {
    expect(rebalanceSwap({ usdc: usdc(10_000), weth: 0n }, at3000, { ...settings, maxTradeUsdc: usdc(500) })).toEqual({ side: "buy", amountIn: usdc(500) });
    expect(rebalanceSwap({ usdc: 0n, weth: 10n * eth }, at3000, { ...settings, maxTradeUsdc: usdc(1_500) })).toEqual({ side: "sell", amountIn: eth / 2n });
  });
});
