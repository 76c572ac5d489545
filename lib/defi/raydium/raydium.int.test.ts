import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonFake } from "@/scripts/testing/fake-http";
import { startFakeRaydium } from "@/scripts/testing/fake-raydium";
import { BOOK_POOL_ID, fillFromBook, SOL_MINT, USDC_MINT } from "@/scripts/testing/fake-solana-book";
import { configuredRaydium, type RaydiumClient } from "./client";

/**
 * The Raydium client over HTTP against the local fake Raydium (the same SOL/USDC book as the fake
 * Jupiter: Solana cannot run here): the query it sends, the quote typed, refusals both as an error
 * status and inside a 200.
 */

let fake: JsonFake;
let raydium: RaydiumClient;

beforeAll(async () => {
  fake = await startFakeRaydium();
  process.env.RAYDIUM_API_URL = fake.url;
  raydium = configuredRaydium();
});
afterAll(() => fake?.close());

describe("Raydium client against the fake Raydium", () => {
  it("quotes 1,000 USDC → SOL from the book, typed, with the slippage minimum", async () => {
    const amount = 1_000_000_000n;
    const q = await raydium.quote({ inputMint: USDC_MINT, outputMint: SOL_MINT, amount, slippageBps: 100 });
    expect(fake.requests.at(-1)).toMatchObject({ method: "GET", path: "/compute/swap-base-in", query: { inputMint: USDC_MINT, outputMint: SOL_MINT, amount: "1000000000", slippageBps: "100", txVersion: "V0" }, status: 200 });
    const fill = fillFromBook(USDC_MINT, SOL_MINT, amount, 100);
    expect(q).toMatchObject({ swapType: "BaseIn", inputMint: USDC_MINT, inputAmount: amount, outputMint: SOL_MINT, outputAmount: fill.outAmount, otherAmountThreshold: (fill.outAmount * 9_900n) / 10_000n, slippageBps: 100 });
    // 6.667 SOL at 150 USDC per SOL, less the 0.25 % fee and ~0.03 % impact.
    expect(q.outputAmount).toBeGreaterThan(6_645_000_000n);
    expect(q.outputAmount).toBeLessThan(6_650_000_000n);
    expect(q.routePlan).toEqual([{ poolId: BOOK_POOL_ID, inputMint: USDC_MINT, outputMint: SOL_MINT, feeMint: USDC_MINT, feeRate: 25, feeAmount: 2_500_000n }]);
    expect(q.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("turns Raydium's refusals into typed errors with its code, from an error status or inside a 200", async () => {
    const bonk = "DezXAZ8z7PnrnRJjz3wXBoRgixCa6xjnB7YaB1pPB263";
    await expect(raydium.quote({ inputMint: bonk, outputMint: SOL_MINT, amount: 1n, slippageBps: 50 })).rejects.toMatchObject({ name: "DexApiError", api: "raydium", status: 400, message: "REQ_INPUT_MINT_ERROR" });
    await expect(raydium.quote({ inputMint: USDC_MINT, outputMint: SOL_MINT, amount: 0n, slippageBps: 50 })).rejects.toMatchObject({ status: 400, message: "REQ_AMOUNT_ERROR" });
    await expect(raydium.quote({ inputMint: SOL_MINT, outputMint: SOL_MINT, amount: 1n, slippageBps: 50 })).rejects.toMatchObject({ status: 200, message: "ROUTE_NOT_FOUND" });
  });
});
