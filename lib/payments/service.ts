import type { Address } from "viem";
import { publicClientFor } from "@/lib/chain/clients";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { readRound } from "./feeds";
import { createInvoice } from "./invoices";

/** createInvoice wired to this deployment's configuration and chains (route handlers call this). */
export function createInvoiceForOrder(db: Db, orderId: string, body: unknown) {
  return createInvoice(db, orderId, body, {
    enabledChains: env().PAYMENT_CHAIN_IDS,
    ttlSeconds: env().INVOICE_TTL_SECONDS,
    readRound: (chainId: number, feed: Address) => readRound(publicClientFor(chainId), feed),
  });
}
