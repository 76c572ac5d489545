import type { Prisma } from "@/lib/db";
import { localDate } from "./time";

/**
 * THE SEAM for crypto payments (issue: crypto checkout, built in parallel). The rollup table
 * analytics_payment_daily (per shop, local date, chain id and token) and the arithmetic are here;
 * what is missing is the feed: once `payment.*` events exist in lib/kafka/events.ts, the analytics
 * worker calls `syncPayment` from their handler with the payment as it is now. Like orders, each
 * payment's contribution is stored (analytics_payment_facts) and replaced, so redelivery and
 * replays are harmless. A payment counts on the local date it settled; a refund keeps the payment
 * and adds to the refunded amount.
 */

export type PaymentSnapshot = {
  paymentId: string;
  shopId: string;
  timezone: string;
  /** Only SETTLED and REFUNDED payments count; anything else (seen, expired, invalid) does not. */
  status: string;
  chainId: number;
  /** Token symbol or address, as the payments module names it ("USDC", "ETH"). */
  token: string;
  amountBaseUnits: bigint;
  /** Value in the shop's currency at settlement, in cents. */
  valueCents: number;
  settledAt: Date | null;
};

export type PaymentFact = { day: string; chainId: number; token: string; amountBaseUnits: string; valueCents: number; refunded: boolean };

export function paymentFact(p: PaymentSnapshot): PaymentFact | null {
  if ((p.status !== "SETTLED" && p.status !== "REFUNDED") || p.settledAt === null) return null;
  return { day: localDate(p.settledAt, p.timezone), chainId: p.chainId, token: p.token, amountBaseUnits: p.amountBaseUnits.toString(), valueCents: p.valueCents, refunded: p.status === "REFUNDED" };
}

type Row = { day: string; chainId: number; token: string; payments: number; amount: bigint; valueCents: number; refunds: number; refunded: bigint };

/** The rows to add to analytics_payment_daily when `before` becomes `after`. Pure. */
export function paymentDelta(before: PaymentFact | null, after: PaymentFact | null): Row[] {
  const rows = new Map<string, Row>();
  const add = (f: PaymentFact | null, sign: 1 | -1) => {
    if (!f) return;
    const key = `${f.day}|${f.chainId}|${f.token}`;
    const r = rows.get(key) ?? { day: f.day, chainId: f.chainId, token: f.token, payments: 0, amount: 0n, valueCents: 0, refunds: 0, refunded: 0n };
    const amount = BigInt(f.amountBaseUnits);
    r.payments += sign;
    r.amount += BigInt(sign) * amount;
    r.valueCents += sign * f.valueCents;
    if (f.refunded) {
      r.refunds += sign;
      r.refunded += BigInt(sign) * amount;
    }
    rows.set(key, r);
  };
  add(before, -1);
  add(after, 1);
  return [...rows.values()].filter((r) => r.payments !== 0 || r.amount !== 0n || r.valueCents !== 0 || r.refunds !== 0 || r.refunded !== 0n);
}

/** Brings one payment's contribution up to date, inside the caller's transaction. */
export async function syncPayment(tx: Prisma.TransactionClient, payment: PaymentSnapshot): Promise<void> {
  await tx.$executeRawUnsafe(`INSERT INTO analytics_payment_facts (payment_id, shop_id) VALUES ($1, $2::uuid) ON CONFLICT DO NOTHING`, payment.paymentId, payment.shopId);
  const [stored] = await tx.$queryRawUnsafe<{ fact: PaymentFact | null }[]>(`SELECT fact FROM analytics_payment_facts WHERE payment_id = $1 FOR UPDATE`, payment.paymentId);
  const after = paymentFact(payment);
  const rows = paymentDelta(stored?.fact ?? null, after);
  for (const r of rows) {
    await tx.$executeRawUnsafe(
      `INSERT INTO analytics_payment_daily AS a (shop_id, day, chain_id, token, payments, amount_base_units, value_cents, refunds, refunded_base_units)
       VALUES ($1::uuid, $2::date, $3, $4, $5, $6::numeric, $7, $8, $9::numeric)
       ON CONFLICT (shop_id, day, chain_id, token) DO UPDATE SET payments = a.payments + excluded.payments,
         amount_base_units = a.amount_base_units + excluded.amount_base_units, value_cents = a.value_cents + excluded.value_cents,
         refunds = a.refunds + excluded.refunds, refunded_base_units = a.refunded_base_units + excluded.refunded_base_units`,
      payment.shopId,
      r.day,
      r.chainId,
      r.token,
      r.payments,
      r.amount.toString(),
      r.valueCents,
      r.refunds,
      r.refunded.toString(),
    );
  }
  await tx.$executeRawUnsafe(`UPDATE analytics_payment_facts SET fact = $2::jsonb, updated_at = now() WHERE payment_id = $1`, payment.paymentId, JSON.stringify(after));
  if (rows.length > 0) await tx.$executeRawUnsafe(`SELECT pg_notify('analytics_changes', $1)`, payment.shopId);
}

/**
 * The dashboard's view of one invoice as it is now (one invoice = one payment here: what the
 * customer paid for the order, in the invoice's token), or null when it no longer exists.
 */
export async function invoicePaymentSnapshot(tx: Prisma.TransactionClient, invoiceId: string): Promise<PaymentSnapshot | null> {
  const invoice = await tx.invoice.findUnique({ where: { id: invoiceId }, include: { shop: { select: { timezone: true } } } });
  if (!invoice) return null;
  return {
    paymentId: invoice.id,
    shopId: invoice.shopId,
    timezone: invoice.shop.timezone,
    status: invoice.status,
    chainId: invoice.chainId,
    token: invoice.token,
    amountBaseUnits: BigInt(invoice.amountPaid.toFixed(0)),
    valueCents: invoice.amountCents,
    settledAt: invoice.settledAt,
  };
}
