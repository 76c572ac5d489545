import { CHAINS } from "@/lib/chain/config";
import type { Prisma } from "@/lib/db";
import { env } from "@/lib/env";
import type { ConsumedEvent } from "@/lib/kafka/consumer";
import { receiptMail, type ReceiptFacts, type ReceiptItem } from "@/lib/mail/receipt";
import { guestAddressOptedOut, guestReceiptsOffToken, receiptsOffToken } from "@/lib/mail/receipts-off";
import { trackingPath } from "@/lib/orders/links";
import { explorerTxBase } from "@/lib/payments/refund-view";
import { maskAddress } from "@/lib/mail/address";
import { recordEmail } from "./channel";

type Tx = Prisma.TransactionClient;

/**
 * Email receipts: a customer who collects an order gets one receipt, recorded for the delivery
 * engine by the integrations consumer (lib/integrations/handlers.ts).
 *
 * When: the order is CLAIMED (collected) and, for crypto, its invoice is SETTLED. A fast-lane
 * crypto order can be collected while its payment is still confirming, so both events ask
 * (`order.status_changed` → CLAIMED, `invoice.status_changed` → SETTLED) and each reads the
 * database, not the event: whichever is handled after both facts are true records the receipt.
 * A recalled hand-over (CLAIMED → READY) is not collected; the next CLAIMED asks again.
 *
 * Once: the idempotency key is `receipt:<order id>`: a redelivered or replayed event, both events
 * asking, or an order claimed twice after a recall, all find the one row.
 *
 * Who: signed-in customers whose address is confirmed and who have not turned receipts off on
 * their account page; guests who gave an address at checkout ("Email me a receipt", optional),
 * unless that address used a receipt's stop link. A guest's address is not confirmed: a stranger
 * could type someone else's, so it is mailed only once the order is collected (paid and handed
 * over in person), one receipt per order, with a stop link that ends it for that address.
 */

export const RECEIPT_KIND = "receipt";

/** The order a domain event may complete for receipts, or null. */
export function receiptTrigger(event: ConsumedEvent): string | null {
  if (event.type === "order.status_changed" && event.payload.to === "CLAIMED") return event.payload.orderId;
  if (event.type === "invoice.status_changed" && event.payload.to === "SETTLED") return event.payload.orderId;
  return null;
}

/** Each payment's transaction with its block-explorer link by chain (null on a chain without a public explorer, such as the local anvil). */
export function transactionLinks(chainId: number, hashes: readonly string[]): { hash: string; url: string | null }[] {
  const explorer = explorerTxBase(chainId);
  return hashes.map((hash) => ({ hash, url: explorer ? `${explorer}/tx/${hash}` : null }));
}

/** Records the order's receipt if it is due and wanted; returns whether one was recorded now. */
export async function recordReceipt(tx: Tx, orderId: string, appUrl: string): Promise<boolean> {
  const facts = await receiptFacts(tx, orderId, appUrl);
  if (!facts) return false;
  return recordEmail(tx, { key: `${RECEIPT_KIND}:${orderId}`, kind: RECEIPT_KIND, shopId: facts.shopId, mail: receiptMail(facts.receipt), summary: `Receipt for order ${facts.receipt.pickupCode} to ${maskAddress(facts.receipt.to)}` });
}

const orderSelect = {
  id: true,
  shopId: true,
  status: true,
  paymentMethod: true,
  pickupCode: true,
  customerName: true,
  receiptEmail: true,
  trackingToken: true,
  claimedAt: true,
  currency: true,
  subtotalCents: true,
  discountCents: true,
  taxCents: true,
  tipCents: true,
  totalCents: true,
  user: { select: { id: true, email: true, emailVerifiedAt: true, receiptEmails: true } },
  shop: { select: { name: true, addressLine: true, city: true, timezone: true } },
  items: { select: { productName: true, quantity: true, lineTotalCents: true, options: true, notes: true }, orderBy: { id: "asc" } },
  invoices: {
    where: { status: "SETTLED" },
    orderBy: { createdAt: "desc" },
    take: 1,
    select: { chainId: true, token: true, decimals: true, amountPaid: true, payments: { where: { status: { in: ["SEEN", "CONFIRMED"] }, late: false }, select: { txHash: true }, orderBy: { blockNumber: "asc" } } },
  },
} satisfies Prisma.OrderSelect;

async function receiptFacts(tx: Tx, orderId: string, appUrl: string): Promise<{ shopId: string; receipt: ReceiptFacts } | null> {
  const order = await tx.order.findUnique({ where: { id: orderId }, select: orderSelect });
  if (!order || order.status !== "CLAIMED") return null;
  const to = await receiptAddress(tx, order);
  if (!to) return null;
  const invoice = order.invoices[0];
  if (order.paymentMethod === "CRYPTO" && !invoice) return null; // not settled yet: the SETTLED event asks again
  const items: ReceiptItem[] = order.items.map((i) => ({
    name: i.productName,
    quantity: i.quantity,
    lineTotalCents: i.lineTotalCents,
    options: ((i.options ?? []) as { optionName?: string }[]).map((o) => o.optionName ?? "").filter(Boolean),
    notes: i.notes,
  }));
  return {
    shopId: order.shopId,
    receipt: {
      to,
      customerName: order.customerName,
      shopName: order.shop.name,
      shopAddress: `${order.shop.addressLine}, ${order.shop.city}`,
      timezone: order.shop.timezone,
      pickupCode: order.pickupCode,
      collectedAt: order.claimedAt ?? new Date(),
      currency: order.currency,
      items,
      subtotalCents: order.subtotalCents,
      discountCents: order.discountCents,
      taxCents: order.taxCents,
      tipCents: order.tipCents,
      totalCents: order.totalCents,
      payment:
        order.paymentMethod === "CRYPTO" && invoice
          ? {
              method: "CRYPTO",
              chainName: CHAINS[invoice.chainId]?.chain.name ?? `chain ${invoice.chainId}`,
              token: invoice.token,
              amount: invoice.amountPaid.toFixed(),
              decimals: invoice.decimals,
              transactions: transactionLinks(invoice.chainId, invoice.payments.map((p) => p.txHash)),
            }
          : { method: "PAY_AT_PICKUP" },
      orderUrl: new URL(trackingPath({ id: order.id, trackingToken: order.user ? null : order.trackingToken }), appUrl).toString(),
      accountUrl: order.user ? new URL("/account", appUrl).toString() : null,
      ...stopUrls(order.user ? receiptsOffToken(order.user.id, env().NEXTAUTH_SECRET) : guestReceiptsOffToken(order.id, env().NEXTAUTH_SECRET), appUrl),
    },
  };
}

/** Where the order's receipt goes: the account's confirmed address if receipts are on; a guest's address unless it opted out; else null. */
async function receiptAddress(tx: Tx, order: { user: { email: string | null; emailVerifiedAt: Date | null; receiptEmails: boolean } | null; receiptEmail: string | null }): Promise<string | null> {
  const { user } = order;
  if (user) return user.email && user.emailVerifiedAt && user.receiptEmails ? user.email : null;
  if (!order.receiptEmail || (await guestAddressOptedOut(tx, order.receiptEmail))) return null;
  return order.receiptEmail;
}

/** The receipt's "stop receipt emails" links for a token (lib/mail/receipts-off.ts): the page with its button, and the one-click POST address. */
export function stopUrls(token: string, appUrl: string): { stopUrl: string; oneClickStopUrl: string } {
  return { stopUrl: new URL(`/receipts/stop/${token}`, appUrl).toString(), oneClickStopUrl: new URL(`/api/mail/receipts-off/${token}`, appUrl).toString() };
}
