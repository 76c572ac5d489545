import type { Address } from "viem";
import { publicClientFor } from "@/lib/chain/clients";
import { env } from "@/lib/env";
import { errorResponse, json } from "@/lib/http/responses";
import { readRound } from "@/lib/payments/feeds";
import { paymentOptions } from "@/lib/payments/fees";

/** GET /api/payments/options — the chains and tokens the checkout offers, each with a network fee estimate in cents. */
export async function GET() {
  try {
    const options = await paymentOptions(env().PAYMENT_CHAIN_IDS, { client: publicClientFor, readRound: (chainId: number, feed: Address) => readRound(publicClientFor(chainId), feed) });
    return json({ options });
  } catch (error) {
    return errorResponse(error);
  }
}
