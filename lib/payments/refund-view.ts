import { formatUnits, getAddress, type Address } from "viem";
import { CHAINS } from "@/lib/chain/config";
import type { Db, Prisma } from "@/lib/db";
import type { OrderStatus } from "@/lib/orders/state-machine";

/**
 * Where the money of a shop's order stands, for the manager's orders screen: whether there is
 * anything to refund, what and to whom (the same rules planRefund in ./refunds.ts enforces when
 * the refund is asked for; this only decides what the screen offers), and a refund under way or
 * done. Pure classification (refundViewOf) plus the queries that feed it.
 */

export type RefundTarget = {
  chainId: number;
  chainName: string;
  /** The shop's receiving wallet, which must send the refund (recordRefund verifies it). */
  from: Address;
  /** The one address that paid. */
  to: Address;
  token: string;
  tokenAddress: Address | null;
  decimals: number;
  /** Base units, as a decimal string (bigint does not cross to the browser). */
  amount: string;
  /** "0.0021 ETH" */
  display: string;
};

export type RefundView =
  | { kind: "not-cancelled" }
  /** Cancelled before any money came in (pay at pickup, or a crypto order never paid). */
  | { kind: "no-money" }
  /** Paid, but the payment has not settled yet: refundable once it has. */
  | { kind: "confirming" }
  | { kind: "refundable"; target: RefundTarget }
  /** Paid in a way the screen cannot refund in one transaction (several payers). */
  | { kind: "by-hand"; reason: string }
  | { kind: "sending"; txHash: string | null }
  | { kind: "refunded"; txHash: string | null; explorerTxBase: string | null; display: string | null };

export type RefundFacts = {
  status: OrderStatus;
  paymentMethod: "PAY_AT_PICKUP" | "CRYPTO";
  /** The newest invoice that took money (SETTLED, PROCESSING or REFUNDED), if any. */
  invoice: {
    status: "NEW" | "PROCESSING" | "SETTLED" | "EXPIRED" | "REFUNDED" | string;
    chainId: number;
    token: string;
    tokenAddress: string | null;
    decimals: number;
    payTo: string;
    amountPaid: string;
    refundTxHash: string | null;
    /** Payers of the counted payments (seen or confirmed, not late). */
    payers: string[];
  } | null;
};

const CANCELLED: readonly OrderStatus[] = ["CANCELLED", "REFUNDING", "REFUNDED"];

export function refundViewOf(facts: RefundFacts): RefundView {
  if (!CANCELLED.includes(facts.status)) return { kind: "not-cancelled" };
  const invoice = facts.invoice;
  if (facts.status === "REFUNDED") {
    return { kind: "refunded", txHash: invoice?.refundTxHash ?? null, explorerTxBase: invoice ? explorerTxBase(invoice.chainId) : null, display: invoice ? amountDisplay(invoice) : null };
  }
  if (facts.status === "REFUNDING") return { kind: "sending", txHash: invoice?.refundTxHash ?? null };
  if (facts.paymentMethod !== "CRYPTO" || !invoice || invoice.payers.length === 0 || BigInt(invoice.amountPaid) === 0n) return { kind: "no-money" };
  if (invoice.status === "PROCESSING") return { kind: "confirming" };
  if (invoice.status !== "SETTLED") return { kind: "no-money" };
  const payers = new Set(invoice.payers.map((p) => getAddress(p)));
  if (payers.size > 1) return { kind: "by-hand", reason: "This order was paid from several addresses; refund each payment from the shop's wallet by hand." };
  return {
    kind: "refundable",
    target: {
      chainId: invoice.chainId,
      chainName: CHAINS[invoice.chainId]?.chain.name ?? `chain ${invoice.chainId}`,
      from: getAddress(invoice.payTo),
      to: [...payers][0]!,
      token: invoice.token,
      tokenAddress: invoice.tokenAddress ? getAddress(invoice.tokenAddress) : null,
      decimals: invoice.decimals,
      amount: invoice.amountPaid,
      display: amountDisplay(invoice),
    },
  };
}

function amountDisplay(invoice: { amountPaid: string; decimals: number; token: string }): string {
  return `${formatUnits(BigInt(invoice.amountPaid), invoice.decimals)} ${invoice.token}`;
}

/** The chain's block explorer (its transactions at `${base}/tx/${hash}`), when it has one (anvil has none). */
export function explorerTxBase(chainId: number): string | null {
  return CHAINS[chainId]?.chain.blockExplorers?.default.url.replace(/\/$/, "") ?? null;
}

const factsSelect = {
  status: true,
  paymentMethod: true,
  invoices: {
    where: { status: { in: ["PROCESSING", "SETTLED", "REFUNDED"] } },
    orderBy: { createdAt: "desc" },
    take: 1,
    select: {
      status: true,
      chainId: true,
      token: true,
      tokenAddress: true,
      decimals: true,
      payTo: true,
      amountPaid: true,
      refundTxHash: true,
      payments: { where: { status: { in: ["SEEN", "CONFIRMED"] }, late: false }, select: { payer: true } },
    },
  },
} satisfies Prisma.OrderSelect;

type FactsRow = {
  status: OrderStatus;
  paymentMethod: "PAY_AT_PICKUP" | "CRYPTO";
  invoices: { status: string; chainId: number; token: string; tokenAddress: string | null; decimals: number; payTo: string; amountPaid: { toFixed(): string }; refundTxHash: string | null; payments: { payer: string }[] }[];
};

function factsOf(row: FactsRow): RefundFacts {
  const invoice = row.invoices[0];
  return {
    status: row.status,
    paymentMethod: row.paymentMethod,
    invoice: invoice ? { ...invoice, amountPaid: invoice.amountPaid.toFixed(), payers: invoice.payments.map((p) => p.payer) } : null,
  };
}

/** One order on the manager's orders screen. */
export type ShopOrderRow = {
  id: string;
  pickupCode: string;
  customerName: string;
  status: OrderStatus;
  paymentMethod: "PAY_AT_PICKUP" | "CRYPTO";
  totalCents: number;
  currency: string;
  placedAt: Date;
  cancelReason: string | null;
  items: { productName: string; quantity: number }[];
  refund: RefundView;
};

export const SHOP_ORDERS_PAGE_SIZE = 50;

const rowSelect = {
  id: true,
  pickupCode: true,
  customerName: true,
  totalCents: true,
  currency: true,
  placedAt: true,
  cancelReason: true,
  items: { select: { productName: true, quantity: true }, orderBy: { id: "asc" } },
  ...factsSelect,
} satisfies Prisma.OrderSelect;

function toRow(o: FactsRow & Omit<ShopOrderRow, "status" | "paymentMethod" | "refund">): ShopOrderRow {
  return { id: o.id, pickupCode: o.pickupCode, customerName: o.customerName, status: o.status, paymentMethod: o.paymentMethod, totalCents: o.totalCents, currency: o.currency, placedAt: o.placedAt, cancelReason: o.cancelReason, items: o.items, refund: refundViewOf(factsOf(o)) };
}

/** A shop's newest orders (the orders(shop_id, placed_at) index); `cancelledOnly` for the refund work list. */
export async function listShopOrders(db: Db, shopId: string, opts: { cancelledOnly?: boolean; limit?: number } = {}): Promise<ShopOrderRow[]> {
  const rows = await db.order.findMany({
    where: { shopId, ...(opts.cancelledOnly ? { status: { in: ["CANCELLED", "REFUNDING", "REFUNDED"] } } : {}) },
    orderBy: [{ placedAt: "desc" }, { id: "desc" }],
    take: opts.limit ?? SHOP_ORDERS_PAGE_SIZE,
    select: rowSelect,
  });
  return rows.map(toRow);
}

/** One order of the shop, or null when the shop has no such order. */
export async function getShopOrder(db: Db, shopId: string, orderId: string): Promise<ShopOrderRow | null> {
  const row = await db.order.findFirst({ where: { id: orderId, shopId }, select: rowSelect });
  return row ? toRow(row) : null;
}
