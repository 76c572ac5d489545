import { describe, expect, it } from "vitest";
import { localAccount, TREASURY_INDEX, treasuryAccount } from "./local-accounts";

describe("local accounts", () => {
  it("the treasury key exists for the local chain only", () => {
    expect(treasuryAccount(31337).address).toBe(localAccount(TREASURY_INDEX).address);
    for (const chainId of [1, 8453, 11155111]) expect(() => treasuryAccount(chainId)).toThrow(/local chain only/);
  });
  it("uses indices past anvil's ten unlocked accounts (which the rest of the project uses)", () => {
    const taken = new Set(Array.from({ length: 10 }, (_, i) => localAccount(i).address));
    expect(taken.has(treasuryAccount(31337).address)).toBe(false);
  });
});
