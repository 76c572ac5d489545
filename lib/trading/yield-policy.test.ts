import { describe, expect, it } from "vitest";
import { apyBpsFromRay } from "@/lib/defi/aave/client";
import { cashToKeep, MIN_MOVE_USDC, MIN_MOVE_WETH, proposeMove, proposeMoves, proposeWethMove } from "./yield-policy";

const usdc = (dollars: number) => BigInt(dollars) * 1_000_000n;
const policy = { cashDays: 14, dailyCashUsdCents: 50_000 }; // $7,000 kept

describe("the cash policy", () => {
  it("keeps N days of operating cash", () => {
    expect(cashToKeep(policy)).toBe(usdc(7_000));
  });

  it("lends what the wallet holds above it", () => {
    const move = proposeMove(policy, usdc(20_000), 0n);
    expect(move).toMatchObject({ action: "SUPPLY", amount: usdc(13_000) });
    expect(move?.reason).toContain("$20,000.00");
    expect(move?.reason).toContain("14 days of operating cash ($7,000.00)");
  });

  it("brings back what the wallet lacks, at most what is lent", () => {
    expect(proposeMove(policy, usdc(2_000), usdc(50_000))).toMatchObject({ action: "WITHDRAW", amount: usdc(5_000) });
    expect(proposeMove(policy, usdc(2_000), usdc(1_000))).toMatchObject({ action: "WITHDRAW", amount: usdc(1_000) });
  });

  it("proposes nothing within $100 of the target, or with nothing lent to bring back", () => {
    expect(proposeMove(policy, usdc(7_000) + MIN_MOVE_USDC - 1n, 0n)).toBeNull();
    expect(proposeMove(policy, usdc(7_000) - MIN_MOVE_USDC + 1n, usdc(50_000))).toBeNull();
    expect(proposeMove(policy, usdc(100), 0n)).toBeNull();
  });
});

describe("Aave rates", () => {
  it("compounds a ray APR per second into an APY", () => {
    expect(apyBpsFromRay(0n)).toBe(0);
    // 5 % APR → 5.127 % APY; 1.5 % → 1.511 %.
    expect(apyBpsFromRay(5n * 10n ** 25n)).toBe(513);
    expect(apyBpsFromRay(15n * 10n ** 24n)).toBe(151);
  });
});

const weth = (n: number) => BigInt(Math.round(n * 100)) * 10n ** 16n;

describe("the WETH policy", () => {
  it("lends the WETH above what is kept and brings back a shortfall, at most what is lent", () => {
    expect(proposeWethMove(weth(2), { wallet: weth(10), supplied: 0n })).toEqual({ action: "SUPPLY", amount: weth(8), reason: "the wallet holds 10 WETH, more than the 2 WETH to keep: lend the rest" });
    expect(proposeWethMove(weth(2), { wallet: weth(0.5), supplied: weth(8) })).toMatchObject({ action: "WITHDRAW", amount: weth(1.5) });
    expect(proposeWethMove(weth(2), { wallet: weth(0.5), supplied: weth(1) })).toMatchObject({ action: "WITHDRAW", amount: weth(1) });
  });

  it("moves nothing smaller than 0.05 WETH", () => {
    expect(proposeWethMove(weth(2), { wallet: weth(2) + MIN_MOVE_WETH - 1n, supplied: 0n })).toBeNull();
    expect(proposeWethMove(weth(2), { wallet: weth(2) + MIN_MOVE_WETH, supplied: 0n })).toMatchObject({ action: "SUPPLY", amount: MIN_MOVE_WETH });
    expect(proposeWethMove(weth(2), { wallet: weth(2) - MIN_MOVE_WETH + 1n, supplied: weth(8) })).toBeNull();
  });

  it("turned off, lends nothing and brings back what is still lent", () => {
    expect(proposeWethMove(null, { wallet: weth(10), supplied: 0n })).toBeNull();
    expect(proposeWethMove(null, { wallet: weth(1), supplied: weth(8) })).toEqual({ action: "WITHDRAW", amount: weth(8), reason: "WETH is no longer lent: bring 8 WETH back" });
    expect(proposeWethMove(null, { wallet: weth(1), supplied: MIN_MOVE_WETH - 1n })).toBeNull();
  });

  it("puts the cash's move before WETH's", () => {
    const both = proposeMoves({ ...policy, wethToKeep: weth(2) }, { USDC: { wallet: usdc(20_000), supplied: 0n }, WETH: { wallet: weth(10), supplied: 0n } });
    expect(both.map((w) => [w.symbol, w.move.action])).toEqual([["USDC", "SUPPLY"], ["WETH", "SUPPLY"]]);
    expect(proposeMoves({ ...policy, wethToKeep: null }, { USDC: { wallet: usdc(7_000), supplied: 0n }, WETH: { wallet: weth(10), supplied: 0n } })).toEqual([]);
  });
});
