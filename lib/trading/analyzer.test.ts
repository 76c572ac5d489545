import { describe, expect, it } from "vitest";
import { allocationBps, balanceSeries, changedReadings, valueUsdCents, type Reading } from "./analyzer";

describe("valueUsdCents", () => {
  it("values 1.5 ETH at a $3,000.12345678 feed (8 decimals), rounding down", () => {
    expect(valueUsdCents(15n * 10n ** 17n, 18, 300_012_345_678n, 8)).toBe(450_018n);
  });
  it("values 12.345678 USDC at a $0.9999 feed", () => {
    expect(valueUsdCents(12_345_678n, 6, 99_990_000n, 8)).toBe(1_234n);
  });
});

const reading = (wallet: string, token: Reading["token"], amount: bigint): Reading => ({ wallet, label: wallet, token, amount, valueUsdCents: amount });

describe("changedReadings", () => {
  const now = [reading("0xa", "ETH", 5n), reading("0xa", "USDC", 7n), reading("0xb", "ETH", 1n), reading("0xb", "USDC", 2n)];
  it("keeps all of a wallet's tokens when one changed, and drops wallets that did not", () => {
    const last = new Map([["0xa:ETH", 5n], ["0xa:USDC", 6n], ["0xb:ETH", 1n], ["0xb:USDC", 2n]]);
    expect(changedReadings(now, last).map((r) => `${r.wallet}:${r.token}`)).toEqual(["0xa:ETH", "0xa:USDC"]);
  });
  it("takes a lent token as changed only when its value moved by a cent, not its amount by a second's interest", () => {
    const lent = (amount: bigint, cents: bigint): Reading => ({ wallet: "0xt", label: "Treasury", token: "aUSDC", amount, valueUsdCents: cents, lent: true });
    const last = new Map([["0xt:aUSDC", 1_300_000n]]);
    expect(changedReadings([lent(13_000_000_123n, 1_300_000n)], last)).toHaveLength(0);
    expect(changedReadings([lent(13_000_010_000n, 1_300_001n)], last)).toHaveLength(1);
  });
  it("records a wallet never read before, even at zero", () => {
    expect(changedReadings([reading("0xc", "ETH", 0n)], new Map())).toHaveLength(1);
  });
});

describe("balanceSeries", () => {
  const t = (minute: number) => new Date(Date.UTC(2026, 11, 4, 12, minute));
  it("carries each wallet's last value forward and starts from the balance before the window", () => {
    const rows = [
      { wallet: "0xa", token: "ETH", blockTime: t(0), valueUsdCents: 100n }, // before the window: seeds
      { wallet: "0xb", token: "USDC", blockTime: t(10), valueUsdCents: 50n },
      { wallet: "0xa", token: "ETH", blockTime: t(20), valueUsdCents: 80n },
      { wallet: "0xa", token: "USDC", blockTime: t(20), valueUsdCents: 30n },
    ];
    expect(balanceSeries(rows, t(5))).toEqual([
      { at: t(10), totalUsdCents: 150 },
      { at: t(20), totalUsdCents: 160 },
    ]);
  });
});

describe("allocationBps", () => {
  it("shares by value, largest first, zero when nothing is held", () => {
    expect(allocationBps(new Map([["USDC", 250n], ["WETH", 750n]]))).toEqual([
      { token: "WETH", valueUsdCents: 750, bps: 7500 },
      { token: "USDC", valueUsdCents: 250, bps: 2500 },
    ]);
    expect(allocationBps(new Map([["ETH", 0n]]))[0]!.bps).toBe(0);
  });
});
