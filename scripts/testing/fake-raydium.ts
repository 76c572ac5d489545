import { randomUUID } from "node:crypto";
import { HttpError, startJsonFake, type FakeRequest, type JsonFake } from "./fake-http";
import { BOOK_FEE_BPS, BOOK_POOL_ID, fillFromBook, isBookMint } from "./fake-solana-book";

/**
 * A local Raydium Trade API v1 quote for tests: the real client (lib/defi/raydium/client.ts) talks
 * to it through RAYDIUM_API_URL. Solana cannot run here, so it quotes from the same constant-product
 * SOL/USDC pool as the fake Jupiter (fake-solana-book.ts):
 * `GET /compute/swap-base-in?inputMint&outputMint&amount&slippageBps&txVersion` →
 * `{ id, success: true, version: "V1", data: { swapType: "BaseIn", inputAmount, outputAmount,
 * otherAmountThreshold, slippageBps, priceImpactPct (a percentage, a number), routePlan[{ poolId,
 * feeMint, feeRate (bps), feeAmount, … }] } }`.
 * Refusals are `{ id, success: false, version, msg }`: a bad parameter answers HTTP 400
 * (REQ_INPUT_MINT_ERROR, REQ_OUTPUT_MINT_ERROR, REQ_AMOUNT_ERROR, REQ_SLIPPAGE_BPS_ERROR,
 * REQ_TX_VERSION_ERROR), no route (the same mint twice) answers ROUTE_NOT_FOUND inside an HTTP 200,
 * so both ways a client may meet are exercised. Every request is kept in `requests`.
 */

const refuse = (msg: string, status = 400) => new HttpError(status, { id: randomUUID(), success: false, version: "V1", msg });

async function compute({ method, path, query }: FakeRequest): Promise<unknown> {
  if (method !== "GET" || path !== "/compute/swap-base-in") throw refuse("NOT_FOUND", 404);
  const { inputMint = "", outputMint = "", amount = "", slippageBps = "", txVersion = "" } = query;
  if (!isBookMint(inputMint)) throw refuse("REQ_INPUT_MINT_ERROR");
  if (!isBookMint(outputMint)) throw refuse("REQ_OUTPUT_MINT_ERROR");
  if (!/^\d+$/.test(amount) || BigInt(amount) === 0n) throw refuse("REQ_AMOUNT_ERROR");
  const slippage = Number(slippageBps);
  if (!/^\d+$/.test(slippageBps) || slippage > 10_000) throw refuse("REQ_SLIPPAGE_BPS_ERROR");
  if (txVersion !== "V0" && txVersion !== "LEGACY") throw refuse("REQ_TX_VERSION_ERROR");
  if (inputMint === outputMint) return { id: randomUUID(), success: false, version: "V1", msg: "ROUTE_NOT_FOUND" };
  const fill = fillFromBook(inputMint, outputMint, BigInt(amount), slippage);
  return {
    id: randomUUID(),
    success: true,
    version: "V1",
    data: {
      swapType: "BaseIn",
      inputMint,
      inputAmount: amount,
      outputMint,
      outputAmount: String(fill.outAmount),
      otherAmountThreshold: String(fill.minOut),
      slippageBps: slippage,
      priceImpactPct: fill.priceImpact * 100,
      referrerAmount: "0",
      routePlan: [{ poolId: BOOK_POOL_ID, inputMint, outputMint, feeMint: inputMint, feeRate: Number(BOOK_FEE_BPS), feeAmount: String(fill.feeAmount), remainingAccounts: [] }],
    },
  };
}

export function startFakeRaydium(opts: { port?: number } = {}): Promise<JsonFake> {
  return startJsonFake(compute, { port: opts.port, internal: (msg) => ({ id: randomUUID(), success: false, version: "V1", msg }) });
}
