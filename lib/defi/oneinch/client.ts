import { getAddress, type Address, type Hex } from "viem";
import { z } from "zod";
import { env } from "@/lib/env";
import { amountString, callDexApi } from "../http-api";
import { minOut } from "../slippage";

/**
 * A typed client for 1inch's Classic Swap API v6.0 (https://portal.1inch.dev/documentation/apis/swap/classic-swap):
 * `GET /swap/v6.0/{chainId}/quote` → `{ dstAmount }` and `GET /swap/v6.0/{chainId}/swap` →
 * `{ dstAmount, tx }`, a transaction for the caller to sign and send after allowing `tx.to` to pull
 * the input. The key goes in `Authorization: Bearer`; errors are `{ error, description, statusCode }`.
 * Here it has only ever talked to scripts/testing/fake-oneinch.ts (routes over the local Uniswap pools).
 */

export type OneInchConfig = { baseUrl: string; apiKey: string; chainId: number; timeoutMs?: number };
export type OneInchSwapRequest = { src: Address; dst: Address; amount: bigint; from: Address; slippageBps: number };

const address = z.string().transform((a, ctx) => {
  try {
    return getAddress(a);
  } catch {
    ctx.addIssue({ code: "custom", message: `not an address: ${a}` });
    return z.NEVER;
  }
});
const quoteResponse = z.object({ dstAmount: amountString });
const swapResponse = z.object({
  dstAmount: amountString,
  tx: z.object({
    from: address,
    to: address,
    data: z.string().regex(/^0x[0-9a-fA-F]*$/) as z.ZodType<Hex>,
    value: amountString,
    gas: z.number().int().nonnegative().transform(BigInt),
    gasPrice: amountString,
  }),
});
const errorBody = z.object({ error: z.string().optional(), description: z.string().optional(), statusCode: z.number().optional() });

export type OneInchSwap = z.infer<typeof swapResponse> & {
  /** The least the swap accepts: 1inch's expected output less the slippage asked for (the router enforces it). */
  minDstAmount: bigint;
};

/** Basis points as 1inch's `slippage`, a percentage (50 bps → "0.5"); 1inch takes 0-50 %. */
export function slippagePercent(bps: number): string {
  if (!Number.isInteger(bps) || bps < 0 || bps > 5_000) throw new RangeError(`1inch slippage must be 0-5000 bps, got ${bps}`);
  return String(bps / 100);
}

export function oneInchClient(c: OneInchConfig) {
  const root = c.baseUrl.endsWith("/") ? c.baseUrl : `${c.baseUrl}/`;
  const get = <T>(method: "quote" | "swap", query: Record<string, string>, schema: z.ZodType<T>) =>
    callDexApi("1inch", new URL(`swap/v6.0/${c.chainId}/${method}?${new URLSearchParams(query)}`, root), schema, (body) => {
      const e = errorBody.safeParse(body);
      return e.success ? (e.data.description ?? e.data.error) : undefined;
    }, { headers: { Authorization: `Bearer ${c.apiKey}` }, timeoutMs: c.timeoutMs });

  return {
    /** How much `dst` 1inch would give for `amount` of `src` now (base units). */
    quote: async (p: { src: Address; dst: Address; amount: bigint }): Promise<{ dstAmount: bigint }> =>
      get("quote", { src: p.src, dst: p.dst, amount: String(p.amount) }, quoteResponse),
    /** The swap as a transaction from `from` (also its origin and receiver), with the slippage limit in it. */
    swap: async (p: OneInchSwapRequest): Promise<OneInchSwap> => {
      const s = await get("swap", { src: p.src, dst: p.dst, amount: String(p.amount), from: p.from, origin: p.from, slippage: slippagePercent(p.slippageBps) }, swapResponse);
      return { ...s, minDstAmount: minOut(s.dstAmount, p.slippageBps) };
    },
  };
}

export type OneInchClient = ReturnType<typeof oneInchClient>;

/** The client as configured (ONEINCH_API_URL, ONEINCH_API_KEY) for one chain; null without a key. */
export function configuredOneInch(chainId: number): OneInchClient | null {
  const { ONEINCH_API_URL, ONEINCH_API_KEY } = env();
  return ONEINCH_API_KEY ? oneInchClient({ baseUrl: ONEINCH_API_URL, apiKey: ONEINCH_API_KEY, chainId }) : null;
}
