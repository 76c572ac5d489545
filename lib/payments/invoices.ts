import { randomBytes } from "node:crypto";
import { getAddress, type Address, type Hex } from "viem";
import { z } from "zod";
import { DomainError, invalid } from "@/lib/errors";
import { CHAINS, paymentChain, tokenOf } from "@/lib/chain/config";
import { Prisma, type Db } from "@/lib/db";
import { lockOrder } from "@/lib/orders/transition";
import { paymentUris, type PaymentUris } from "./eip681";
import { formatTokenAmount, quote, type FeedRound } from "./pricing";

/**
 * Invoices: a quote for one order in one token on one chain, held for INVOICE_TTL_SECONDS (15
 * minutes). Creating one converts the order total with the token's price feed (refusing stale or
 * implausible prices), snapshots the shop's receiving wallet, confirmations and fast-lane rule, and
 * draws a random 32-byte reference the router call carries. Asking again for the same chain and
 * token returns the open invoice; switching token replaces an unpaid one; once money arrived the
 * invoice is kept (pay the rest in the same token).
 */

export const createInvoiceInput = z.strictObject({
  chainId: z.number({ error: "chainId must be a number" }).int().positive(),
  token: z.string().trim().toUpperCase().min(1, "choose a token").max(10),
});

export type InvoiceDeps = {
  /** Chain ids this deployment offers (PAYMENT_CHAIN_IDS). */
  enabledChains: readonly number[];
  ttlSeconds: number;
  readRound: (chainId: number, feed: Address) => Promise<FeedRound>;
  now?: Date;
};

const OPEN = ["NEW", "PROCESSING"] as const;

export async function createInvoice(db: Db, orderId: string, raw: unknown, deps: InvoiceDeps): Promise<{ invoice: InvoiceView; created: boolean }> {
  const parsed = createInvoiceInput.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  const { chainId, token: symbol } = parsed.data;
  const chain = deps.enabledChains.includes(chainId) ? paymentChain(chainId) : null;
  if (!chain) {
    const offered = deps.enabledChains.map((id) => `${CHAINS[id]?.chain.name ?? "chain"} (${id})`).join(", ");
    throw new DomainError("invalid", `Payments on chain ${chainId} are not offered here. Choose ${offered || "another way to pay"}.`);
  }
  const token = tokenOf(chain, symbol);
  if (!token) throw new DomainError("invalid", `${symbol} is not offered on ${chain.chain.name}. Choose ${chain.tokens.map((t) => t.symbol).join(", ")}.`);

  const now = deps.now ?? new Date();
  const order = await db.order.findUnique({
    where: { id: orderId },
    select: { id: true, status: true, paymentMethod: true, totalCents: true, currency: true, shop: { select: { id: true, name: true, receivingWallet: true, requiredConfirmations: true, fastLaneMaxCents: true } } },
  });
  if (!order) throw new DomainError("not_found", "There is no such order.");
  if (order.paymentMethod !== "CRYPTO") throw new DomainError("conflict", "This order is paid at pickup, not with a wallet.");
  if (order.status !== "PENDING_PAYMENT") throw new DomainError("conflict", order.status === "CANCELLED" ? "This order was cancelled." : "This order is already paid.");
  if (order.currency !== "USD") throw new DomainError("unavailable", `Crypto payments are priced in US dollars; this shop sells in ${order.currency}.`);
  if (!order.shop.receivingWallet) throw new DomainError("unavailable", `${order.shop.name} does not take crypto payments.`);

  // The price is read before the transaction (a network call must not hold the order's lock).
  const round = token.feed ? await deps.readRound(chainId, token.feed) : null;
  const q = quote(token, order.totalCents, round, now);

  return db.$transaction(async (tx) => {
    const locked = await lockOrder(tx, orderId);
    if (!locked || locked.status !== "PENDING_PAYMENT") throw new DomainError("conflict", "This order is no longer waiting for payment.");
    const open = await tx.invoice.findMany({ where: { orderId, status: { in: [...OPEN] } }, orderBy: { createdAt: "desc" } });
    for (const existing of open) {
      const paidSomething = existing.status === "PROCESSING" || existing.amountPaid.gt(0);
      const same = existing.chainId === chainId && existing.token === token.symbol;
      if (paidSomething) {
        if (same) return { invoice: toView(existing, []), created: false };
        throw new DomainError("conflict", `This order already has a payment in ${existing.token}; pay the rest in ${existing.token}.`);
      }
      if (same && existing.expiresAt > now) return { invoice: toView(existing, []), created: false };
      // Unpaid and for another token (or past its time): replaced by the new quote.
      await tx.invoice.update({ where: { id: existing.id }, data: { status: "EXPIRED", expiresAt: existing.expiresAt < now ? existing.expiresAt : now, version: { increment: 1 } } });
    }
    const fastLane = order.totalCents < order.shop.fastLaneMaxCents;
    const invoice = await tx.invoice.create({
      data: {
        orderId,
        shopId: order.shop.id,
        reference: `0x${randomBytes(32).toString("hex")}`,
        chainId,
        token: token.symbol,
        tokenAddress: token.address?.toLowerCase() ?? null,
        decimals: token.decimals,
        routerAddress: chain.router.toLowerCase(),
        payTo: order.shop.receivingWallet!.toLowerCase(),
        amountCents: order.totalCents,
        currency: order.currency,
        amountDue: new Prisma.Decimal(q.amount.toString()),
        rate: new Prisma.Decimal(q.rate.toString()),
        rateDecimals: q.rateDecimals,
        rateSource: token.feed ? `${token.feed.toLowerCase()}@${chainId}` : "par",
        rateUpdatedAt: q.rateUpdatedAt,
        requiredConfirmations: order.shop.requiredConfirmations,
        fastLane,
        expiresAt: new Date(now.getTime() + deps.ttlSeconds * 1000),
      },
    });
    return { invoice: toView(invoice, []), created: true };
  });
}

// ---------------------------------------------------------------- view

type InvoiceRow = Prisma.InvoiceGetPayload<object>;
type PaymentRow = Prisma.PaymentGetPayload<object>;

/** An invoice as the customer's page and the API show it. Token amounts are decimal strings of base units. */
export type InvoiceView = {
  id: string;
  orderId: string;
  status: InvoiceRow["status"];
  exception: InvoiceRow["exception"];
  chainId: number;
  chainName: string;
  token: string;
  tokenAddress: Address | null;
  decimals: number;
  router: Address;
  payTo: Address;
  reference: Hex;
  amountCents: number;
  currency: string;
  amountDue: string;
  amountPaid: string;
  remaining: string;
  /** "0.0015 ETH", what is left to pay in whole units (the full amount when nothing is paid). */
  display: { due: string; paid: string; remaining: string; rate: string };
  expiresAt: string;
  /** How long the quote still holds as the server answers: pages count down from this, not from their own clock (a phone's may be off). */
  secondsLeft: number;
  requiredConfirmations: number;
  fastLane: boolean;
  released: boolean;
  refundTxHash: string | null;
  /** Set while something is left to pay and the quote holds: EIP-681 URIs for a phone wallet. */
  payWith: (PaymentUris & { amount: string; approveResetRequired: boolean }) | null;
  payments: { txHash: string; amount: string; status: PaymentRow["status"]; confirmations: number; late: boolean; payer: string; blockNumber: string }[];
};

export function toView(invoice: InvoiceRow, payments: PaymentRow[], now = new Date()): InvoiceView {
  const due = BigInt(invoice.amountDue.toFixed());
  const paid = BigInt(invoice.amountPaid.toFixed());
  const remaining = paid >= due ? 0n : due - paid;
  const chain = CHAINS[invoice.chainId];
  const tokenConfig = chain ? tokenOf(chain, invoice.token) : null;
  const fmt = (v: bigint) => `${formatTokenAmount(v, invoice.decimals)} ${invoice.token}`;
  const rate = invoice.rateDecimals === 0 ? `1 ${invoice.token} = $1.00` : `1 ${invoice.token} = $${(Number(invoice.rate.toFixed()) / 10 ** invoice.rateDecimals).toFixed(2)}`;
  const payable = invoice.status === "NEW" && remaining > 0n && invoice.expiresAt > now;
  const router = getAddress(invoice.routerAddress);
  const payTo = getAddress(invoice.payTo);
  const tokenAddress = invoice.tokenAddress ? getAddress(invoice.tokenAddress) : null;
  return {
    id: invoice.id,
    orderId: invoice.orderId,
    status: invoice.status,
    exception: invoice.exception,
    chainId: invoice.chainId,
    chainName: chain?.chain.name ?? `Chain ${invoice.chainId}`,
    token: invoice.token,
    tokenAddress,
    decimals: invoice.decimals,
    router,
    payTo,
    reference: invoice.reference as Hex,
    amountCents: invoice.amountCents,
    currency: invoice.currency,
    amountDue: due.toString(),
    amountPaid: paid.toString(),
    remaining: remaining.toString(),
    display: { due: fmt(due), paid: fmt(paid), remaining: fmt(remaining), rate },
    expiresAt: invoice.expiresAt.toISOString(),
    secondsLeft: Math.max(0, Math.floor((invoice.expiresAt.getTime() - now.getTime()) / 1000)),
    requiredConfirmations: invoice.requiredConfirmations,
    fastLane: invoice.fastLane,
    released: invoice.releasedAt !== null,
    // While a refund is being sent the hash is the app's own bookkeeping, not yet a refund.
    refundTxHash: invoice.status === "REFUNDED" ? invoice.refundTxHash : null,
    payWith: payable
      ? { ...paymentUris({ chainId: invoice.chainId, router, reference: invoice.reference as Hex, payTo, token: tokenAddress, amount: remaining }), amount: remaining.toString(), approveResetRequired: tokenConfig?.approveResetRequired ?? false }
      : null,
    payments: payments.map((p) => ({ txHash: p.txHash, amount: p.amount.toFixed(), status: p.status, confirmations: p.confirmations, late: p.late, payer: p.payer, blockNumber: p.blockNumber.toString() })),
  };
}

/** The order's latest invoice with its payments, or null. */
export async function getInvoiceView(db: Db, orderId: string, now = new Date()): Promise<InvoiceView | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(orderId)) return null;
  const invoice = await db.invoice.findFirst({ where: { orderId }, orderBy: { createdAt: "desc" }, include: { payments: { orderBy: { blockNumber: "asc" } } } });
  return invoice ? toView(invoice, invoice.payments, now) : null;
}
