import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonFake } from "@/scripts/testing/fake-http";
import { startFakeJupiter } from "@/scripts/testing/fake-jupiter";
import { fillFromBook, SOL_MINT, USDC_MINT } from "@/scripts/testing/fake-solana-book";
import { DexApiError } from "../http-api";
import { configuredJupiter, jupiterClient, type JupiterClient } from "./client";

/**
 * The Jupiter client over HTTP against the local fake Jupiter (its own SOL/USDC constant-product
 * pool: Solana cannot run here). What this proves is the client's side of the wire format — the
 * query, the key, the quote typed and sent back unchanged, the errors — not Jupiter's routing.
 */

const KEY = "test-jupiter-key";
const USER = "9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM";
let fake: JsonFake;
let jupiter: JupiterClient;

beforeAll(async () => {
  fake = await startFakeJupiter({ apiKey: KEY });
  process.env.JUPITER_API_URL = fake.url;
  process.env.JUPITER_API_KEY = KEY;
  jupiter = configuredJupiter();
});
afterAll(() => fake?.close());

describe("Jupiter client against the fake Jupiter", () => {
  it("quotes 10 SOL → USDC from the book, typed, with the slippage minimum", async () => {
    const amount = 10n * 10n ** 9n;
    const q = await jupiter.quote({ inputMint: SOL_MINT, outputMint: USDC_MINT, amount, slippageBps: 50 });
    const sent = fake.requests.at(-1)!;
    expect(sent).toMatchObject({ method: "GET", path: "/swap/v1/quote", query: { inputMint: SOL_MINT, outputMint: USDC_MINT, amount: "10000000000", slippageBps: "50" }, status: 200 });
    expect(sent.headers["x-api-key"]).toBe(KEY);

    const fill = fillFromBook(SOL_MINT, USDC_MINT, amount, 50);
    expect(q).toMatchObject({ inputMint: SOL_MINT, inAmount: amount, outputMint: USDC_MINT, outAmount: fill.outAmount, otherAmountThreshold: fill.minOut, swapMode: "ExactIn", slippageBps: 50 });
    // 1,500 USDC at 150 per SOL, less the 0.25 % fee and ~0.05 % impact.
    expect(q.outAmount).toBeGreaterThan(1_495_000_000n);
    expect(q.outAmount).toBeLessThan(1_496_000_000n);
    expect(q.otherAmountThreshold).toBe((q.outAmount * 9_950n) / 10_000n);
    expect(q.priceImpactPct).toBeGreaterThan(0);
    expect(q.routePlan).toEqual([{ percent: 100, swapInfo: expect.objectContaining({ inputMint: SOL_MINT, outputMint: USDC_MINT, inAmount: amount, outAmount: q.outAmount, feeAmount: 25_000_000n, feeMint: SOL_MINT }) }]);
  });

  it("sends the quote back to /swap exactly as Jupiter sent it and returns the transaction's bytes", async () => {
    const q = await jupiter.quote({ inputMint: USDC_MINT, outputMint: SOL_MINT, amount: 1_000_000_000n, slippageBps: 100 });
    const swap = await jupiter.swap(q, USER);
    const sent = fake.requests.at(-1)!;
    expect(sent).toMatchObject({ method: "POST", path: "/swap/v1/swap", status: 200 });
    expect(sent.body).toEqual({ quoteResponse: q.wire, userPublicKey: USER });
    // The fake's transaction is a note, not a Solana transaction; it carries the quote's minimum.
    expect(JSON.parse(swap.swapTransaction.toString())).toEqual({ kind: "fake-jupiter-swap", userPublicKey: USER, inputMint: USDC_MINT, inAmount: "1000000000", outputMint: SOL_MINT, minOutAmount: String(q.otherAmountThreshold) });
    expect(swap.lastValidBlockHeight).toBeGreaterThan((q.wire as { contextSlot: number }).contextSlot);
  });

  it("turns Jupiter's errors into typed ones: no key 401, an untradable mint, no route, amount 0", async () => {
    const keyless = jupiterClient({ baseUrl: fake.url });
    await expect(keyless.quote({ inputMint: SOL_MINT, outputMint: USDC_MINT, amount: 1n, slippageBps: 50 })).rejects.toMatchObject({ name: "DexApiError", api: "jupiter", status: 401 });
    const bonk = "DezXAZ8z7PnrnRJjz3wXBoRgixCa6xjnB7YaB1pPB263";
    await expect(jupiter.quote({ inputMint: bonk, outputMint: USDC_MINT, amount: 1n, slippageBps: 50 })).rejects.toMatchObject({ status: 400, message: `The token ${bonk} is not tradable (TOKEN_NOT_TRADABLE)` });
    await expect(jupiter.quote({ inputMint: SOL_MINT, outputMint: SOL_MINT, amount: 1n, slippageBps: 50 })).rejects.toMatchObject({ status: 400, message: "Could not find any route (COULD_NOT_FIND_ANY_ROUTE)" });
    const zero = jupiter.quote({ inputMint: SOL_MINT, outputMint: USDC_MINT, amount: 0n, slippageBps: 50 });
    await expect(zero).rejects.toBeInstanceOf(DexApiError);
    await expect(zero).rejects.toMatchObject({ status: 400 });
  });
});
