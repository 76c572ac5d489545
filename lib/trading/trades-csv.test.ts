import { describe, expect, it } from "vitest";
import { localWethUsdc } from "@/lib/defi/venues";
import { dollars, tradesToCsv, units } from "./trades-csv";

const { usdc, weth } = localWethUsdc();

describe("trades CSV", () => {
  it("writes base units as exact decimals and cents as dollars", () => {
    expect(units("15000000000", 6)).toBe("15000.000000");
    expect(units("1", 6)).toBe("0.000001");
    expect(units("-250", 2)).toBe("-2.50");
    expect(dollars(123_456)).toBe("1234.56");
    expect(dollars(-5)).toBe("-0.05");
  });

  it("one header row, one row per trade, a reorged fill marked, a bot name that looks like a formula neutralised", () => {
    const base = { createdAt: new Date("2026-12-03T09:00:00Z"), mode: "LIVE", chainId: 31337, blockNumber: 42n, tokenIn: usdc, amountIn: "15000000000", tokenOut: usdc, amountOut: "15012345678", venue: null, pnlUsdCents: 1_180 };
    const csv = tradesToCsv([
      { ...base, bot: { name: "arb-live", strategy: "cross-venue-arbitrage" }, txHash: `0x${"ab".repeat(32)}`, undoneAt: null },
      { ...base, bot: { name: "=cmd()", strategy: "cross-venue-arbitrage" }, mode: "PAPER", txHash: null, undoneAt: new Date(), pnlUsdCents: -250 },
      { ...base, bot: { name: "dca-weekly", strategy: "dca" }, mode: "PAPER", amountIn: "100000000", tokenOut: weth, amountOut: "33222111000000000", venue: "uniswap-v3", txHash: null, undoneAt: null, pnlUsdCents: -3 },
      { ...base, bot: { name: "rebalance-60", strategy: "rebalance" }, mode: "PAPER", tokenIn: weth, amountIn: "500000000000000000", tokenOut: usdc, amountOut: "1496250000", venue: "uniswap-v2", txHash: null, undoneAt: null, pnlUsdCents: -4 },
    ]);
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe("time (UTC),bot,strategy,mode,chain,block,token in,amount in,token out,amount out,venue,P&L (USD),tx hash,status");
    expect(lines[1]).toBe(`2026-12-03T09:00:00.000Z,arb-live,cross-venue-arbitrage,live,31337,42,USDC,15000.000000,USDC,15012.345678,,11.80,0x${"ab".repeat(32)},counted`);
    expect(lines[2]).toBe("2026-12-03T09:00:00.000Z,'=cmd(),cross-venue-arbitrage,paper,31337,42,USDC,15000.000000,USDC,15012.345678,,-2.50,,reorged away");
    expect(lines[3]).toBe("2026-12-03T09:00:00.000Z,dca-weekly,dca,paper,31337,42,USDC,100.000000,WETH,0.033222111000000000,uniswap-v3,-0.03,,counted");
    expect(lines[4]).toBe("2026-12-03T09:00:00.000Z,rebalance-60,rebalance,paper,31337,42,WETH,0.500000000000000000,USDC,1496.250000,uniswap-v2,-0.04,,counted");
    expect(lines).toHaveLength(6); // the last line ends with CRLF too
  });
});
