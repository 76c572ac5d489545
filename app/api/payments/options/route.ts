import type { Address } from "viem";
import { cachedFor } from "@/lib/cache/ttl";
import { publicClientFor } from "@/lib/chain/clients";
import { env } from "@/lib/env";
import { errorResponse, json } from "@/lib/http/responses";
import { readRoundCached } from "@/lib/payments/service";
import { paymentOptions, type PaymentOption } from "@/lib/payments/fees";

/** Fee estimates move slowly: one set of RPC reads per 15 s serves every visitor. */
const options = cachedFor(15_000, async (): Promise<{ options: PaymentOption[] }> => ({
  options: await paymentOptions(env().PAYMENT_CHAIN_IDS, { client: publicClientFor, readRound: (chainId: number, feed: Address) => readRoundCached(chainId, feed) }),
}));

/** GET /api/payments/options — the chains and tokens the checkout offers, each with a network fee estimate in cents. */
export async function GET() {
  try {
    return json(await options("all"));
  } catch (error) {
    return errorResponse(error);
  }
}
