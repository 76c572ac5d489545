import { describe, expect, it } from "vitest";
import { dollars, tradesToCsv, units } from "./trades-csv";

describe("trades CSV", () => {
  it("writes base units as exact decimals and cents as dollars", () => {
    expect(units("15000000000", 6)).toBe("15000.000000");
    expect(units("1", 6)).toBe("0.000001");
    expect(units("-250", 2)).toBe("-2.50");
    expect(dollars(123_456)).toBe("1234.56");
    expect(dollars(-5)).toBe("-0.05");
  });

  it("one header row, one row per trade, a reorged fill marked, a bot name that looks like a formula neutralised", () => {
    const base = { createdAt: new Date("2026-12-03T09:00:00Z"), mode: "LIVE", chainId: 31337, blockNumber: 42n, tokenIn: "0xusdc", amountIn: "15000000000", amountOut: "15012345678", pnlUsdCents: 1_180 };
    const csv = tradesToCsv([
      { ...base, bot: { name: "arb-live", strategy: "cross-venue-arbitrage" }, txHash: `0x${"ab".repeat(32)}`, undoneAt: null },
      { ...base, bot: { name: "=cmd()", strategy: "cross-venue-arbitrage" }, mode: "PAPER", txHash: null, undoneAt: new Date(), pnlUsdCents: -250 },
    ]);
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe("time (UTC),bot,strategy,mode,chain,block,token in,amount in (USDC),amount out (USDC),P&L (USD),tx hash,status");
    expect(lines[1]).toBe(`2026-12-03T09:00:00.000Z,arb-live,cross-venue-arbitrage,live,31337,42,0xusdc,15000.000000,15012.345678,11.80,0x${"ab".repeat(32)},counted`);
    expect(lines[2]).toBe("2026-12-03T09:00:00.000Z,'=cmd(),cross-venue-arbitrage,paper,31337,42,0xusdc,15000.000000,15012.345678,-2.50,,reorged away");
    expect(lines).toHaveLength(4); // the last line ends with CRLF too
  });
});
