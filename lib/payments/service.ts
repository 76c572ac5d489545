import "server-only";
import { createWalletClient, http, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { z } from "zod";
import { invalid } from "@/lib/errors";
import { cachedFor } from "@/lib/cache/ttl";
import type { SessionUser } from "@/lib/auth/session-user";
import { publicClientFor, rpcUrlFor } from "@/lib/chain/clients";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { readRound } from "./feeds";
import { createInvoice } from "./invoices";
import { planRefund, recordRefund, sendRefundWithKey } from "./refunds";

/**
 * A price feed's latest round, read at most once per 5 s per feed: quotes are asked for by
 * anyone with an order, and a feed moves far slower (its staleness check still applies).
 */
const feedRound = cachedFor(5_000, (key: string) => {
  const [chainId, feed] = key.split(":") as [string, Address];
  return readRound(publicClientFor(Number(chainId)), feed);
});
export const readRoundCached = (chainId: number, feed: Address) => feedRound(`${chainId}:${feed}`);

/** createInvoice wired to this deployment's configuration and chains (route handlers call this). */
export function createInvoiceForOrder(db: Db, orderId: string, body: unknown) {
  return createInvoice(db, orderId, body, {
    enabledChains: env().PAYMENT_CHAIN_IDS,
    ttlSeconds: env().INVOICE_TTL_SECONDS,
    readRound: readRoundCached,
  });
}

const refundInput = z.strictObject({ txHash: z.string().regex(/^0x[0-9a-fA-F]{64}$/, "txHash must be a 0x-prefixed transaction hash").optional() });

/**
 * A manager refunds a cancelled, paid order: with `txHash` the refund their connected wallet sent
 * is verified and recorded; without it, on a local chain, the app sends it with REFUND_PRIVATE_KEYS.
 */
export async function refundOrder(db: Db, orderId: string, body: unknown, user: SessionUser | null): Promise<{ txHash: Hex }> {
  const parsed = refundInput.safeParse(body ?? {});
  if (!parsed.success) throw invalid(parsed.error);
  const plan = await planRefund(db, orderId, user);
  const client = publicClientFor(plan.chainId);
  if (parsed.data.txHash) {
    const txHash = parsed.data.txHash.toLowerCase() as Hex;
    await recordRefund(db, plan, txHash, client, user);
    return { txHash };
  }
  const transport = http(rpcUrlFor(plan.chainId));
  const txHash = await sendRefundWithKey(db, plan, env().REFUND_PRIVATE_KEYS, { public: client, wallet: (key) => createWalletClient({ transport, account: privateKeyToAccount(key) }) }, user);
  return { txHash };
}
