import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import type { TokenConfig } from "@/lib/chain/config";
import { formatTokenAmount, quote, type FeedRound } from "./pricing";

const NOW = new Date("2026-11-25T12:00:00Z");
const nowS = BigInt(NOW.getTime() / 1000);
const eth: TokenConfig = { symbol: "ETH", address: null, decimals: 18, kind: "native", feed: "0x0000000000000000000000000000000000000001", feedMaxAgeSeconds: 3600, plausibleUsd: { min: 100, max: 100_000 } };
const usdc: TokenConfig = { symbol: "USDC", address: "0x0000000000000000000000000000000000000002", decimals: 6, kind: "stable", feed: "0x0000000000000000000000000000000000000003", feedMaxAgeSeconds: 86_400 };
const round = (usd: string, overrides: Partial<FeedRound> = {}): FeedRound => ({ roundId: 5n, answeredInRound: 5n, answer: BigInt(Math.round(Number(usd) * 1e8)), updatedAt: nowS - 60n, decimals: 8, ...overrides });

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).message;
  }
  throw new Error("expected a refusal");
}

describe("quote", () => {
  it("converts cents to wei from the ETH/USD answer, rounding up", () => {
    // $4.50 at $3000/ETH = 0.0015 ETH exactly
    expect(quote(eth, 450, round("3000"), NOW)).toMatchObject({ amount: 1_500_000_000_000_000n, rate: 300_000_000_000n, rateDecimals: 8 });
    // $1.00 at $3000 = 0.000333… ETH: rounded up to the next wei
    expect(quote(eth, 100, round("3000"), NOW).amount).toBe(333_333_333_333_334n);
  });

  it("takes stablecoins at par once the peg is checked", () => {
    expect(quote(usdc, 475, round("0.9995"), NOW).amount).toBe(4_750_000n);
    expect(quote(usdc, 475, null, NOW).amount).toBe(4_750_000n); // no feed configured: par
    expect(quote({ ...usdc, decimals: 18 }, 1, round("1"), NOW).amount).toBe(10_000_000_000_000_000n);
  });

  it("refuses a stablecoin off its peg", () => {
    expect(refusal(() => quote(usdc, 475, round("0.97"), NOW))).toBe("USDC is trading at $0.97, too far from $1.00 to take at par. Please choose another token.");
    expect(() => quote(usdc, 475, round("1.02"), NOW)).not.toThrow(); // exactly at the 2 % tolerance
    expect(() => quote(usdc, 475, round("1.0201"), NOW)).toThrow(/too far from \$1.00/);
  });

  it("refuses stale, future, empty and incomplete rounds", () => {
    expect(refusal(() => quote(eth, 450, round("3000", { updatedAt: nowS - 3n * 3600n }), NOW))).toBe("The ETH price is out of date (last updated 3 hours ago). Please try again shortly or choose another token.");
    expect(() => quote(eth, 450, round("3000", { updatedAt: nowS - 3600n }), NOW)).not.toThrow(); // exactly the maximum age
    expect(() => quote(eth, 450, round("3000", { updatedAt: nowS - 3601n }), NOW)).toThrow(/out of date \(last updated 60 minutes ago\)/);
    expect(refusal(() => quote(eth, 450, round("3000", { updatedAt: nowS + 600n }), NOW))).toMatch(/time in the future/);
    expect(refusal(() => quote(eth, 450, round("0"), NOW))).toMatch(/no usable price/);
    expect(refusal(() => quote(eth, 450, round("-1"), NOW))).toMatch(/no usable price/);
    expect(refusal(() => quote(eth, 450, round("3000", { answeredInRound: 4n }), NOW))).toMatch(/no usable price/);
    expect(refusal(() => quote(usdc, 450, round("1", { updatedAt: nowS - 2n * 86_400n - 1n }), NOW))).toMatch(/USDC price is out of date \(last updated 2 days ago\)/);
  });

  it("refuses implausible native prices (a broken feed or a decimal slip)", () => {
    expect(refusal(() => quote(eth, 450, round("30"), NOW))).toBe("The ETH price feed reports $30.00, which is not plausible, so we will not quote from it. Please choose another token.");
    expect(() => quote(eth, 450, round("300000"), NOW)).toThrow(/not plausible/);
  });

  it("refuses a native coin without a feed and an empty total", () => {
    expect(refusal(() => quote(eth, 450, null, NOW))).toMatch(/ETH has no price feed on this network/);
    expect(refusal(() => quote(usdc, 0, null, NOW))).toBe("There is nothing to pay on this order.");
  });
});

describe("formatTokenAmount", () => {
  it("prints whole units, trims zeros, rounds up beyond the shown digits", () => {
    expect(formatTokenAmount(4_750_000n, 6)).toBe("4.75");
    expect(formatTokenAmount(5_000_000n, 6)).toBe("5");
    expect(formatTokenAmount(1_500_000_000_000_000n, 18)).toBe("0.0015");
    expect(formatTokenAmount(333_333_333_333_334n, 18)).toBe("0.000334");
    expect(formatTokenAmount(999_999_999_999_999_999n, 18)).toBe("1");
    expect(formatTokenAmount(0n, 6)).toBe("0");
  });
});
