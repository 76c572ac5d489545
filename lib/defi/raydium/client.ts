import { z } from "zod";
import { env } from "@/lib/env";
import { amountString, callDexApi, DexApiError } from "../http-api";
import { solanaAddress } from "../solana";

/**
 * A typed client for Raydium's Trade API v1 quote on Solana (https://docs.raydium.io/raydium/traders/trade-api):
 * `GET /compute/swap-base-in?inputMint&outputMint&amount&slippageBps&txVersion` →
 * `{ id, success, version, data: { swapType, inputAmount, outputAmount, otherAmountThreshold, … routePlan } }`.
 * A refusal is `{ id, success: false, version, msg }` (a code such as REQ_AMOUNT_ERROR), whatever the
 * HTTP status. No key. Quotes only: the transaction endpoint (`POST /transaction/swap-base-in`) is not
 * built. Only ever run against scripts/testing/fake-raydium.ts (Solana cannot run here).
 */

export type RaydiumConfig = { baseUrl: string; timeoutMs?: number };

const compute = z.object({
  swapType: z.literal("BaseIn"),
  inputMint: solanaAddress,
  inputAmount: amountString,
  outputMint: solanaAddress,
  outputAmount: amountString,
  otherAmountThreshold: amountString,
  slippageBps: z.number().int().min(0).max(10_000),
  priceImpactPct: z.number(),
  routePlan: z.array(z.object({ poolId: solanaAddress, inputMint: solanaAddress, outputMint: solanaAddress, feeMint: solanaAddress, feeRate: z.number(), feeAmount: amountString })).min(1),
});
const refusal = z.object({ success: z.literal(false), msg: z.string() });
const computeResponse = z.discriminatedUnion("success", [z.object({ id: z.string(), success: z.literal(true), version: z.string(), data: compute }), refusal.extend({ id: z.string().optional() })]);

export type RaydiumQuote = z.output<typeof compute> & { id: string };

export function raydiumClient(c: RaydiumConfig) {
  const root = c.baseUrl.endsWith("/") ? c.baseUrl : `${c.baseUrl}/`;
  return {
    /** The exact-in swap's quote: `amount` of `inputMint` (base units), the minimum at `slippageBps`, the pools it crosses. */
    quote: async (p: { inputMint: string; outputMint: string; amount: bigint; slippageBps: number }): Promise<RaydiumQuote> => {
      const query = new URLSearchParams({ inputMint: p.inputMint, outputMint: p.outputMint, amount: String(p.amount), slippageBps: String(p.slippageBps), txVersion: "V0" });
      const r = await callDexApi("raydium", new URL(`compute/swap-base-in?${query}`, root), computeResponse, (body) => refusal.safeParse(body).data?.msg, { timeoutMs: c.timeoutMs });
      if (!r.success) throw new DexApiError("raydium", 200, r.msg);
      return { ...r.data, id: r.id };
    },
  };
}

export type RaydiumClient = ReturnType<typeof raydiumClient>;

/** The client as configured (RAYDIUM_API_URL). */
export function configuredRaydium(): RaydiumClient {
  return raydiumClient({ baseUrl: env().RAYDIUM_API_URL });
}
