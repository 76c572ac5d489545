import { z } from "zod";
import { env } from "@/lib/env";
import { amountString, callDexApi } from "../http-api";
import { solanaAddress } from "../solana";

/**
 * A typed client for Jupiter's Swap API v1 on Solana (https://dev.jup.ag/docs/swap-api):
 * `GET /swap/v1/quote?inputMint&outputMint&amount&slippageBps` → the best route, and
 * `POST /swap/v1/swap { quoteResponse, userPublicKey }` → `{ swapTransaction (base64), lastValidBlockHeight }`,
 * a serialized transaction for the wallet to sign and send. The quote goes back to /swap exactly as
 * Jupiter sent it. The key, when configured, goes as `x-api-key` (api.jup.ag; lite-api.jup.ag takes
 * none); errors are `{ error, errorCode }`. Only ever run against scripts/testing/fake-jupiter.ts:
 * Solana cannot run here, so nothing this client builds has been signed or landed.
 */

export type JupiterConfig = { baseUrl: string; apiKey?: string; timeoutMs?: number };

// The wire shapes, checked without transforming, so the quote can be sent back as it came.
const step = z.looseObject({
  swapInfo: z.looseObject({ ammKey: solanaAddress, label: z.string(), inputMint: solanaAddress, outputMint: solanaAddress, inAmount: amountString, outAmount: amountString, feeAmount: amountString, feeMint: solanaAddress }),
  percent: z.number().min(0).max(100),
});
const quoteWire = z.looseObject({
  inputMint: solanaAddress,
  inAmount: amountString,
  outputMint: solanaAddress,
  outAmount: amountString,
  otherAmountThreshold: amountString,
  swapMode: z.enum(["ExactIn", "ExactOut"]),
  slippageBps: z.number().int().min(0).max(10_000),
  priceImpactPct: z.string().regex(/^-?\d+(\.\d+)?(e-?\d+)?$/i).transform(Number),
  routePlan: z.array(step).min(1),
});
/** The quote typed, keeping `wire`: the quote as Jupiter sent it, which /swap wants back unchanged. */
const quoteResponse = z.unknown().transform((wire, ctx) => {
  const q = quoteWire.safeParse(wire);
  if (q.success) return { ...q.data, wire };
  ctx.addIssue({ code: "custom", message: q.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") });
  return z.NEVER;
});
const swapResponse = z.object({ swapTransaction: z.base64().transform((b) => Buffer.from(b, "base64")), lastValidBlockHeight: z.number().int().nonnegative() });
const errorBody = z.object({ error: z.string(), errorCode: z.string().optional() });

/** A route as typed values (amounts in base units), and `wire`: the quote as Jupiter sent it, for /swap. */
export type JupiterQuote = z.output<typeof quoteResponse>;
export type JupiterSwap = z.output<typeof swapResponse>;

export function jupiterClient(c: JupiterConfig) {
  const root = c.baseUrl.endsWith("/") ? c.baseUrl : `${c.baseUrl}/`;
  const headers: Record<string, string> = c.apiKey ? { "x-api-key": c.apiKey } : {};
  const describe = (body: unknown) => {
    const e = errorBody.safeParse(body);
    return e.success ? `${e.data.error}${e.data.errorCode ? ` (${e.data.errorCode})` : ""}` : undefined;
  };
  return {
    /** The best exact-in route for `amount` of `inputMint` (base units), with its minimum at `slippageBps`. */
    quote: async (p: { inputMint: string; outputMint: string; amount: bigint; slippageBps: number }): Promise<JupiterQuote> => {
      const query = new URLSearchParams({ inputMint: p.inputMint, outputMint: p.outputMint, amount: String(p.amount), slippageBps: String(p.slippageBps) });
      return callDexApi("jupiter", new URL(`swap/v1/quote?${query}`, root), quoteResponse, describe, { headers, timeoutMs: c.timeoutMs });
    },
    /** The quote's transaction for `userPublicKey` to sign: its bytes and the last block height it is valid at. */
    swap: (quote: JupiterQuote, userPublicKey: string): Promise<JupiterSwap> =>
      callDexApi("jupiter", new URL("swap/v1/swap", root), swapResponse, describe, { method: "POST", headers, body: { quoteResponse: quote.wire, userPublicKey }, timeoutMs: c.timeoutMs }),
  };
}

export type JupiterClient = ReturnType<typeof jupiterClient>;

/** The client as configured: JUPITER_API_URL (the keyless lite-api.jup.ag by default) and JUPITER_API_KEY when set. */
export function configuredJupiter(): JupiterClient {
  const { JUPITER_API_URL, JUPITER_API_KEY } = env();
  return jupiterClient({ baseUrl: JUPITER_API_URL, apiKey: JUPITER_API_KEY });
}
